using Grpc.Core;
using Grpc.Net.Client;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>Looking an appointment up by its code over gRPC (kiosks, messaging), against the real service.</summary>
public sealed class AppointmentCodeLookupTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private AppointmentBook.AppointmentBookClient Client() =>
        new(GrpcChannel.ForAddress(fixture.Appointments.GrpcAddress!));

    private Metadata Council => new() { { "authorization", $"Bearer {fixture.Tokens.Service()}" } };

    [Fact]
    public async Task A_code_typed_loosely_is_found_a_mistyped_one_is_invalid_as_a_typo_and_an_unknown_one_is_not_found()
    {
        var citizen = await fixture.RegisterCitizenAsync();
        var booked = await fixture.WithBookings(b => b.HoldAsync(citizen, "connecta-space", "census-registration", StoreFixture.NextWorkingSlot(10, 3), Channels.Kiosk, confirm: true, CancellationToken.None));
        var code = booked.Ref.Code;
        var client = Client();

        var found = await client.GetByCodeAsync(new GetByCodeRequest { Code = code.Replace("-", " ").ToLowerInvariant() }, Council);
        Assert.Equal(booked.Ref.AppointmentId.ToString(), found.AppointmentId);

        var typo = code[..^1] + (code[^1] == '0' ? '1' : '0');
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetByCodeAsync(new GetByCodeRequest { Code = typo }, Council).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("code: ", refused.Status.Detail);
        Assert.Contains("typo", refused.Status.Detail);

        var old = await Assert.ThrowsAsync<RpcException>(() => client.GetByCodeAsync(new GetByCodeRequest { Code = "C1234-ABCD" }, Council).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, old.StatusCode);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetByCodeAsync(new GetByCodeRequest { Code = AppointmentCode.New() }, Council).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
