using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Contracts;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Identity.Administering.TellingStaffAccess;

/// <summary>An administrator disabled the account: stored with the account's change, in the same transaction, so the
/// event store (the outbox) tells every service exactly when the account did change.</summary>
public sealed record StaffAccountDisabled([NotPersonal] string AccountId, [NotPersonal] string Council, DateTimeOffset At);

/// <summary>An administrator enabled the account again.</summary>
public sealed record StaffAccountEnabled([NotPersonal] string AccountId, [NotPersonal] string Council, DateTimeOffset At);

/// <summary>What leaves the identity service: staff accounts' access, for every service's token validation
/// (services/BuildingBlocks/Auth/StaffAccessWithdrawals.cs).</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/identity";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        StaffAccountDisabled e => new V1.StaffAccountDisabled(e.Council, e.At, null, null, e.AccountId),
        StaffAccountEnabled e => new V1.StaffAccountEnabled(e.Council, e.At, null, null, e.AccountId),
        _ => null,
    };
}
