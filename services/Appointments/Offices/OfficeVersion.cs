namespace Omnichannel.Appointments.Offices;

/// <summary>What registering or changing an office answers: its id and version (the new ETag).</summary>
public sealed record OfficeVersion(string OfficeId, long Version);
