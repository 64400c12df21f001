using Marten;
using Omnichannel.Contracts;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.BuildingBlocks.OfficeDirectory;

/// <summary>An office of the directory as a service other than appointments (which owns offices) keeps it: the
/// description last heard and the days it is closed on top of its calendar's holidays. One document per office,
/// in the council's tenant.</summary>
[NotPersonal]
public sealed class DirectoryOffice
{
    public string Id { get; set; } = "";
    public LocalizedText Name { get; set; } = new("", "", "");
    public string Address { get; set; } = "";
    /// <summary>Empty until a description arrives (a closure may be heard first).</summary>
    public string Calendar { get; set; } = "";
    public int Desks { get; set; }
    public DateTimeOffset DescribedAt { get; set; }
    public List<DateOnly> Closures { get; set; } = [];

    public bool IsDescribed => Calendar.Length > 0;
}

/// <summary>Reading and keeping <see cref="DirectoryOffice"/> documents.</summary>
public static class DirectoryOffices
{
    /// <summary>The office, described (null while nothing but a closure, or nothing at all, was heard of it).</summary>
    public static async Task<DirectoryOffice?> FindAsync(IQuerySession session, string officeId, CancellationToken ct) =>
        await session.LoadAsync<DirectoryOffice>(officeId, ct) is { IsDescribed: true } office ? office : null;

    /// <summary>The office's name in the three languages; its id while no description has arrived, so a line naming
    /// it is never held back for a name.</summary>
    public static async Task<LocalizedText> NameOfAsync(IQuerySession session, string officeId, CancellationToken ct) =>
        await FindAsync(session, officeId, ct) is { } office ? office.Name : new LocalizedText(officeId, officeId, officeId);

    /// <summary>A registration or a change: the newest description wins, since registration and changes travel on
    /// different queues and the directory's catch-up repeats them, so an older one may arrive last.</summary>
    public static async Task DescribeAsync(IDocumentSession session, string officeId, LocalizedText name, string address,
        string calendar, int desks, DateTimeOffset describedAt, CancellationToken ct)
    {
        var office = await session.LoadAsync<DirectoryOffice>(officeId, ct) ?? new DirectoryOffice { Id = officeId };
        if (office.IsDescribed && office.DescribedAt >= describedAt) return;
        office.Name = name;
        office.Address = address;
        office.Calendar = calendar;
        office.Desks = desks;
        office.DescribedAt = describedAt;
        session.Store(office);
    }

    /// <summary>A closure day; one heard before the registration still counts (the description fills in later).</summary>
    public static async Task NoteClosureAsync(IDocumentSession session, string officeId, DateOnly date, CancellationToken ct)
    {
        var office = await session.LoadAsync<DirectoryOffice>(officeId, ct) ?? new DirectoryOffice { Id = officeId };
        if (office.Closures.Contains(date)) return;
        office.Closures.Add(date);
        session.Store(office);
    }
}
