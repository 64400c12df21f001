namespace Omnichannel.StaffConsole.Gateway;

public sealed partial class GatewayClient
{
    /// <summary>The problem reader, shared with the citizen web's client (<see cref="CitizenGateway"/>).</summary>
    internal static Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct) => ProblemOf(response, ct);
}
