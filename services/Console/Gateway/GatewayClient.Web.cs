namespace Omnichannel.StaffConsole.Gateway;

public sealed partial class GatewayClient
{
    /// <summary>The problem reader, shared with the citizen web's and the kiosk's clients (<see cref="CitizenGateway"/>, <c>KioskGateway</c>).</summary>
    internal static Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct) => ProblemOf(response, ct);
}
