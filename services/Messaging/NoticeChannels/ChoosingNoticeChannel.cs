using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;
using ChannelNames = Omnichannel.Contracts.Channels;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Messaging.CodeThrottling;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Email;
using Omnichannel.Messaging.Notices;
using Omnichannel.Messaging.Sending;
using Omnichannel.Messaging.Sms;

namespace Omnichannel.Messaging.NoticeChannels;

/// <summary><c>Messaging:NoticeChannelCodes</c>: how long a code lives, how many codes and wrong codes one identity or
/// one device may have in a window.</summary>
public sealed class NoticeChannelCodeOptions
{
    public const string Section = "Messaging:NoticeChannelCodes";

    public int CodeMinutes { get; set; } = 10;
    public int CodesPerWindow { get; set; } = 3;
    public int WrongCodes { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Asking for a code: who (a phone or e-mail the citizen gave us), the channel notices should reach them on, the
/// language of the message, and the asking device's opaque id (the web's page: the per-client throttle).</summary>
public sealed record NoticeChannelCodeRequest(string? Kind, string? Value, string? Channel, string? Language, string? Device);

/// <summary>Typing the code: the same identity and device, and the code received.</summary>
public sealed record NoticeChannelConfirmationRequest(string? Kind, string? Value, string? Code, string? Device);

/// <summary>The same answer whether or not anyone has this identity or can be reached on the channel.</summary>
public sealed record NoticeChannelCodeAccepted(int ExpiresInMinutes);

public sealed record NoticeChannelConfirmed(string PreferredChannel);

public static class NoticeChannelRules
{
    /// <summary>The identities a citizen may give: those they can type without an account.</summary>
    public static readonly IReadOnlyList<string> IdentityKinds = ["phone", "email"];

    /// <summary>The channels a notice can be delivered on (<see cref="NoticeRouting"/>).</summary>
    public static readonly IReadOnlyList<string> NoticeChannels = [ChannelNames.Telegram, ChannelNames.WhatsApp, ChannelNames.Sms, ChannelNames.Email];

    public static bool IsDevice(string? device) => device is { Length: >= 8 and <= 100 } && device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

public sealed class NoticeChannelCodeRequestValidator : AbstractValidator<NoticeChannelCodeRequest>
{
    public NoticeChannelCodeRequestValidator()
    {
        RuleFor(r => r.Kind).Must(k => NoticeChannelRules.IdentityKinds.Contains(k!)).WithMessage("Use phone or email.");
        RuleFor(r => r.Value).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Channel).Must(c => NoticeChannelRules.NoticeChannels.Contains(c!))
            .WithMessage($"Use one of: {string.Join(", ", NoticeChannelRules.NoticeChannels)}.");
        RuleFor(r => r.Language).Must(l => LocalizedText.Languages.Contains(l!)).WithMessage($"Use one of: {string.Join(", ", LocalizedText.Languages)}.");
        RuleFor(r => r.Device).Must(NoticeChannelRules.IsDevice).WithMessage("An opaque id of 8 to 100 letters, digits, '-' or '_'.");
    }
}

public sealed class NoticeChannelConfirmationRequestValidator : AbstractValidator<NoticeChannelConfirmationRequest>
{
    public NoticeChannelConfirmationRequestValidator()
    {
        RuleFor(r => r.Kind).Must(k => NoticeChannelRules.IdentityKinds.Contains(k!)).WithMessage("Use phone or email.");
        RuleFor(r => r.Value).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Code).NotEmpty().MaximumLength(12);
        RuleFor(r => r.Device).Must(NoticeChannelRules.IsDevice).WithMessage("An opaque id of 8 to 100 letters, digits, '-' or '_'.");
    }
}

/// <summary>The code waiting to be typed, one per citizen (a new request replaces it): only its hash is kept.</summary>
public sealed class PendingNoticeChannelCode
{
    public string Id { get; set; } = "";
    public Guid CitizenId { get; set; }
    public string Channel { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }

    public static string KeyFor(Guid citizen) => $"{citizen:N}";
}

/// <summary>When codes were sent to, and wrong codes typed for, one identity or one device; keyed by a hash, so it names
/// nobody and is kept whether or not the identity is anyone's (the throttle behaves the same for both).</summary>
public sealed class NoticeChannelTries
{
    public string Id { get; set; } = "";
    public List<DateTimeOffset> Sent { get; set; } = [];
    public List<DateTimeOffset> Wrong { get; set; } = [];
}

/// <summary>The pure rules: codes, their check, the throttles.</summary>
public static class NoticeChannelCodes
{
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");

    public static string Hash(Guid citizen, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{citizen:N}:{Typed(code)}")));

    /// <summary>As typed, forgivingly: spaces and dashes a citizen copies with the code do not count.</summary>
    public static string Typed(string code) => new(code.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Right only for the pending code of this citizen, not expired; wrong otherwise (whatever the reason).</summary>
    public static bool Matches(PendingNoticeChannelCode? pending, Guid? citizen, string typed, DateTimeOffset now) =>
        pending is not null && citizen is { } c && pending.CitizenId == c && pending.ExpiresAt > now
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.CodeHash), Encoding.ASCII.GetBytes(Hash(c, typed)));

    public static bool TooMany(IEnumerable<DateTimeOffset> at, DateTimeOffset now, int allowed, TimeSpan window) =>
        WrongCodeThrottle.Throttled(at.ToList(), now, allowed, window);

    /// <summary>The throttle's key of an identity: its kind and a loose form of the value (digits of a phone, the last
    /// nine; an e-mail in lower case), hashed with the council.</summary>
    public static string IdentityKey(string council, string kind, string value)
    {
        var loose = kind == "phone" ? new string(value.Where(char.IsAsciiDigit).ToArray()) : value.Trim().ToLowerInvariant();
        if (kind == "phone" && loose.Length > 9) loose = loose[^9..];
        return "identity:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{council}|{kind}|{loose}")));
    }

    public static string DeviceKey(string council, string client, string device) =>
        "device:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{council}|{client}|{device}")));

    /// <summary>Keeps only what is still in the window (the documents stay small).</summary>
    public static List<DateTimeOffset> Recent(IEnumerable<DateTimeOffset> at, DateTimeOffset now, TimeSpan window) =>
        [.. at.Where(a => a > now - window)];

    public static LocalizedText Message(string code, int minutes) => new(
        $"El teu codi per triar on reps els avisos de l'Ajuntament: {code}. Caduca d'aquí a {minutes} minuts. Si no l'has demanat, no cal que facis res.",
        $"Tu código para elegir dónde recibes los avisos del Ayuntamiento: {code}. Caduca en {minutes} minutos. Si no lo has pedido, no hace falta que hagas nada.",
        $"Your code to choose where the council's notices reach you: {code}. It expires in {minutes} minutes. If you did not ask for it, you need not do anything.");

    public static LocalizedText Subject => new("Codi de confirmació", "Código de confirmación", "Confirmation code");
}

/// <summary>
/// POST /api/messaging/notice-channel/codes and …/confirmation: a citizen without an account chooses the channel notices
/// reach them on. The code goes out on that very channel (so only someone who can read it there can choose it), and
/// only the code, typed back, changes the citizen's preferred channel in the directory. Both answers are the same
/// whether the identity is anyone's or not; tries are throttled per identity and per device; nothing personal is logged.
/// </summary>
public static class ChoosingNoticeChannelEndpoints
{
    public static IServiceCollection AddNoticeChannelChoice(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NoticeChannelCodeOptions>().Bind(configuration.GetSection(NoticeChannelCodeOptions.Section))
            .Validate(o => o.CodeMinutes > 0 && o.CodesPerWindow > 0 && o.WrongCodes > 0 && o.Window > TimeSpan.Zero,
                $"{NoticeChannelCodeOptions.Section}: positive minutes, counts and window.").ValidateOnStart();
        return services;
    }

    public static void Schema(StoreOptions options)
    {
        options.Schema.For<PendingNoticeChannelCode>();
        options.Schema.For<NoticeChannelTries>();
    }

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/messaging/notice-channel").WithTags("Notices").RequireAuthorization(Omnichannel.BuildingBlocks.Auth.OmnichannelRoles.AnyClientPolicy);
        group.MapPost("/codes", RequestCode).WithName("RequestNoticeChannelCode")
            .WithSummary("Sends a one-time code on the chosen channel to the citizen with this phone or e-mail, if any and if reachable there; the same 202 either way (any client).")
            .Validate<NoticeChannelCodeRequest>().Produces<NoticeChannelCodeAccepted>(StatusCodes.Status202Accepted);
        group.MapPost("/confirmation", Confirm).WithName("ConfirmNoticeChannel")
            .WithSummary("The code typed back: the citizen's preferred channel becomes the one the code was sent on. A wrong or expired code is a 400 naming 'code'; too many wrong codes a 429 (any client).")
            .Validate<NoticeChannelConfirmationRequest>().Produces<NoticeChannelConfirmed>();
    }

    private static IResult Throttled(NoticeChannelCodeOptions options) =>
        TypedResults.Problem("Too many codes were asked for or typed wrong for these details or from this device. Please try again later.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many tries.",
            extensions: new Dictionary<string, object?> { ["reason"] = "too-many-tries", ["retryAfterSeconds"] = (int)options.Window.TotalSeconds });

    private static string Client(HttpContext http) =>
        http.User.FindFirst("client_id")?.Value ?? http.User.FindFirst("azp")?.Value ?? "client";

    private static async Task<(NoticeChannelTries Identity, NoticeChannelTries Device)> TriesAsync(IDocumentSession session, string identityKey, string deviceKey, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        var identity = await session.LoadAsync<NoticeChannelTries>(identityKey, ct) ?? new NoticeChannelTries { Id = identityKey };
        var device = await session.LoadAsync<NoticeChannelTries>(deviceKey, ct) ?? new NoticeChannelTries { Id = deviceKey };
        foreach (var tries in new[] { identity, device })
        {
            tries.Sent = NoticeChannelCodes.Recent(tries.Sent, now, window);
            tries.Wrong = NoticeChannelCodes.Recent(tries.Wrong, now, window);
        }
        return (identity, device);
    }

    /// <summary>The citizen with this identity, or null (nobody has it). A malformed one is a 400 naming <c>value</c>.</summary>
    private static async Task<CitizenReply?> FindAsync(CitizenDirectory.CitizenDirectoryClient directory, string kind, string value, CancellationToken ct)
    {
        try
        {
            return await directory.FindByIdentityAsync(new FindByIdentityRequest { Kind = kind, Value = value }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw Omnichannel.BuildingBlocks.Domain.Rejection.Invalid("value", kind == "phone" ? "Not a phone number." : "Not an e-mail address.");
        }
    }

    public static async Task<IResult> RequestCode(NoticeChannelCodeRequest request, IDocumentSession session, CitizenDirectory.CitizenDirectoryClient directory,
        IEnumerable<IChannelSender> senders, IOptions<NoticeChannelCodeOptions> options, IOptions<SmsOptions> sms, IOptions<EmailOptions> email,
        ConversationKeys keys, TimeProvider clock, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Omnichannel.Messaging.NoticeChannels");
        var o = options.Value;
        var now = clock.GetUtcNow();
        var council = session.TenantId;
        var (identity, device) = await TriesAsync(session, NoticeChannelCodes.IdentityKey(council, request.Kind!, request.Value!),
            NoticeChannelCodes.DeviceKey(council, Client(http), request.Device!), now, o.Window, ct);
        if (new[] { identity, device }.Any(t => NoticeChannelCodes.TooMany(t.Sent, now, o.CodesPerWindow, o.Window) || NoticeChannelCodes.TooMany(t.Wrong, now, o.WrongCodes, o.Window)))
            return Throttled(o);

        var citizen = await FindAsync(directory, request.Kind!, request.Value!, ct);
        identity.Sent.Add(now);
        device.Sent.Add(now);
        session.Store(identity, device);
        await session.SaveChangesAsync(ct);

        var target = citizen is null ? null : await TargetAsync(session, Guid.Parse(citizen.CitizenId), citizen, request.Channel!, sms.Value.AccountOf(council), email.Value.MailboxOf(council), ct);
        if (target is null)
        {
            logger.LogInformation("A notice-channel code for {Channel} was asked for with no one to send it to", request.Channel);
            return TypedResults.Accepted((string?)null, new NoticeChannelCodeAccepted(o.CodeMinutes));
        }

        var code = NoticeChannelCodes.NewCode();
        var citizenId = Guid.Parse(citizen!.CitizenId);
        session.Store(new PendingNoticeChannelCode
        {
            Id = PendingNoticeChannelCode.KeyFor(citizenId), CitizenId = citizenId, Channel = request.Channel!,
            CodeHash = NoticeChannelCodes.Hash(citizenId, code), ExpiresAt = now.AddMinutes(o.CodeMinutes),
        });
        await session.SaveChangesAsync(ct);

        var conversation = keys.For(target.Channel, target.Account, target.Address);
        if (target.Channel == ChannelNames.Email && await session.LoadAsync<EmailThread>(conversation, ct) is null)
        {
            session.Store(new EmailThread { Id = conversation, Subject = NoticeChannelCodes.Subject.In(request.Language!) });
            await session.SaveChangesAsync(ct);
        }
        var sender = senders.FirstOrDefault(s => s.Channel == target.Channel);
        var outcome = sender is null ? new SendOutcome.Failed("no-sender")
            : await sender.SendAsync(new Outbound(conversation, Guid.NewGuid(), target.Account, target.Address, NoticeChannelCodes.Message(code, o.CodeMinutes).In(request.Language!))
            { Purpose = OutboundPurposes.Notice, Language = request.Language }, ct);
        logger.LogInformation("A notice-channel code was sent on {Channel}: {Outcome}", target.Channel, outcome.GetType().Name);
        return TypedResults.Accepted((string?)null, new NoticeChannelCodeAccepted(o.CodeMinutes));
    }

    /// <summary>Where the code goes on the chosen channel: the citizen's own chat there (a bot writes only to someone who
    /// wrote to it), their phone by SMS or their e-mail — where the council has an account on that channel.</summary>
    private static async Task<NoticeTarget?> TargetAsync(IDocumentSession session, Guid citizen, CitizenReply contact, string channel, string? smsAccount, string? mailbox, CancellationToken ct)
    {
        var conversations = channel is ChannelNames.Telegram or ChannelNames.WhatsApp
            ? await session.Query<ConversationView>().Where(c => c.CitizenId == citizen && !c.Blocked && c.Channel == channel).ToListAsync(ct)
            : [];
        return NoticeRouting.Route(conversations, channel, contact.Phone, smsAccount, contact.Email, mailbox).FirstOrDefault(t => t.Channel == channel);
    }

    public static async Task<IResult> Confirm(NoticeChannelConfirmationRequest request, IDocumentSession session, CitizenDirectory.CitizenDirectoryClient directory,
        IOptions<NoticeChannelCodeOptions> options, TimeProvider clock, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Omnichannel.Messaging.NoticeChannels");
        var o = options.Value;
        var now = clock.GetUtcNow();
        var council = session.TenantId;
        var (identity, device) = await TriesAsync(session, NoticeChannelCodes.IdentityKey(council, request.Kind!, request.Value!),
            NoticeChannelCodes.DeviceKey(council, Client(http), request.Device!), now, o.Window, ct);
        if (new[] { identity, device }.Any(t => NoticeChannelCodes.TooMany(t.Wrong, now, o.WrongCodes, o.Window)))
            return Throttled(o);

        var citizen = await FindAsync(directory, request.Kind!, request.Value!, ct);
        var citizenId = citizen is null ? (Guid?)null : Guid.Parse(citizen.CitizenId);
        var pending = citizenId is { } id ? await session.LoadAsync<PendingNoticeChannelCode>(PendingNoticeChannelCode.KeyFor(id), ct) : null;
        if (!NoticeChannelCodes.Matches(pending, citizenId, request.Code!, now))
        {
            identity.Wrong.Add(now);
            device.Wrong.Add(now);
            session.Store(identity, device);
            await session.SaveChangesAsync(ct);
            logger.LogInformation("A notice-channel code was typed wrong or late");
            return ProblemHandling.InvalidField("code", "The code is wrong or has expired. Check it, or ask for a new one.");
        }

        await directory.ChangePreferredChannelAsync(new ChangePreferredChannelRequest { CitizenId = pending!.CitizenId.ToString(), Channel = pending.Channel }, cancellationToken: ct);
        session.Delete(pending); // single use
        await session.SaveChangesAsync(ct);
        logger.LogInformation("A citizen chose {Channel} for notices", pending.Channel);
        return TypedResults.Ok(new NoticeChannelConfirmed(pending.Channel));
    }
}
