using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>The services' own ports, reached without the gateway: gRPC answers only a service token of the platform,
/// and the council of any call is the verified token's, never a header's.</summary>
public sealed class ServiceIdentityTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static Metadata BareCouncilHeader => new() { { "x-tenant-id", Tokens.Tenant } };

    private CitizenDirectory.CitizenDirectoryClient Directory() => new(GrpcChannel.ForAddress(fixture.Citizens.GrpcAddress!));

    private AppointmentBook.AppointmentBookClient Book() => new(GrpcChannel.ForAddress(fixture.Appointments.GrpcAddress!));

    private static FindByIdentityRequest SomeDni => new() { Kind = "national-id", Value = "12345678Z" };

    /// <summary>A token with the given claims, signed with <paramref name="key"/>.</summary>
    private static string TokenWith(JwtSettings settings, string key, params Claim[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer, Audience = settings.Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task A_grpc_call_with_no_token_is_unauthenticated_even_with_a_council_header()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Directory().FindByIdentityAsync(SomeDni, BareCouncilHeader).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        var book = await Assert.ThrowsAsync<RpcException>(() => Book().GetByCodeAsync(new GetByCodeRequest { Code = AppointmentCode.New() }, BareCouncilHeader).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, book.StatusCode);
    }

    [Fact]
    public async Task A_service_token_signed_with_another_key_is_unauthenticated()
    {
        var forged = TokenWith(fixture.Tokens.Settings, Tokens.NewSecret(),
            new Claim("sub", "intruder"), new Claim(TokenIssuer.RoleClaim, OmnichannelRoles.Service), new Claim(TokenIssuer.TenantClaim, Tokens.Tenant));

        var refused = await Assert.ThrowsAsync<RpcException>(() => Directory().FindByIdentityAsync(SomeDni, Bearer(forged)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task A_client_token_or_a_service_token_without_a_council_is_refused_on_grpc()
    {
        var channelApp = await Assert.ThrowsAsync<RpcException>(() => Directory().FindByIdentityAsync(SomeDni, Bearer(fixture.Tokens.ChannelApp())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, channelApp.StatusCode);

        var councilless = TokenWith(fixture.Tokens.Settings, fixture.Tokens.Settings.SigningKey,
            new Claim("sub", "service:test"), new Claim(TokenIssuer.RoleClaim, OmnichannelRoles.Service));
        var refused = await Assert.ThrowsAsync<RpcException>(() => Directory().FindByIdentityAsync(SomeDni, Bearer(councilless)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task A_service_token_for_one_council_cannot_read_another_councils_appointment_whatever_header_it_adds()
    {
        var citizen = await fixture.RegisterCitizenAsync();
        var booked = await fixture.WithBookings(b => b.HoldAsync(citizen, "connecta-space", "census-registration", StoreFixture.NextWorkingSlot(12, 5), Channels.Kiosk, confirm: true, CancellationToken.None));
        var request = new GetByCodeRequest { Code = booked.Ref.Code };

        var found = await Book().GetByCodeAsync(request, Bearer(fixture.Tokens.Service())).ResponseAsync;
        Assert.Equal(booked.Ref.AppointmentId.ToString(), found.AppointmentId);

        var otherCouncil = Bearer(fixture.Tokens.Service("el-prat"));
        otherCouncil.Add("x-tenant-id", Tokens.Tenant);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => Book().GetByCodeAsync(request, otherCouncil).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task A_token_without_a_council_is_refused_on_a_services_own_rest_port_whatever_council_header_it_sends()
    {
        var citizen = await fixture.RegisterCitizenAsync();
        var councilless = TokenWith(fixture.Tokens.Settings, fixture.Tokens.Settings.SigningKey,
            new Claim("sub", "staff-ana"), new Claim(TokenIssuer.RoleClaim, OmnichannelRoles.Staff));
        using var http = fixture.Citizens.Client(councilless);
        http.DefaultRequestHeaders.Add("X-Tenant-Id", Tokens.Tenant);

        var response = await http.GetAsync($"/api/citizens/{citizen}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No council in the token.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_token_for_one_council_reads_only_that_council_on_a_services_own_rest_port_whatever_council_header_it_sends()
    {
        var citizen = await fixture.RegisterCitizenAsync();
        using var http = fixture.Citizens.Client(fixture.Tokens.Staff("el-prat"));
        http.DefaultRequestHeaders.Add("X-Tenant-Id", Tokens.Tenant);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/citizens/{citizen}?reason=citizen-request")).StatusCode);
        using var own = fixture.Citizens.Client(fixture.Tokens.Staff());
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/citizens/{citizen}?reason=citizen-request")).StatusCode);
    }

    [Fact]
    public async Task A_service_token_is_refused_on_rest_routes()
    {
        var citizen = await fixture.RegisterCitizenAsync();
        using var http = fixture.Citizens.Client(fixture.Tokens.Service());

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/citizens/{citizen}")).StatusCode);
    }
}
