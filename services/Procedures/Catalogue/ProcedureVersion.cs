namespace Omnichannel.Procedures.Catalogue;

/// <summary>What publishing or withdrawing a procedure answers: its code and version (the new ETag).</summary>
public sealed record ProcedureVersion(string Code, long Version);
