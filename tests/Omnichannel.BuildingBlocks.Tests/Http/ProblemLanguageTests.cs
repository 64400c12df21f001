using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.Vocabulary;

namespace Omnichannel.BuildingBlocks.Tests.Http;

/// <summary>A problem's words follow the request's Accept-Language (Catalan, Spanish, else English as without the
/// header); its field names, status and the rest stay as they are.</summary>
public sealed class ProblemLanguageTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(ProblemTranslator.For(typeof(ProblemLanguageTests).Assembly));
        builder.Services.AddProblemHandling();
        builder.Services.AddSingleton<IValidator<Visit>, VisitValidator>();
        app = builder.Build();
        app.UseProblemHandling();
        app.MapPost("/visits", (Visit visit) => TypedResults.Ok(visit)).Validate<Visit>();
        app.MapPost("/phones", (Visit visit) => PhoneNumberRules.ToE164(visit.Phone, "phone", "ES"));
        app.MapGet("/pages", () => ProblemHandling.InvalidField("page", "Pages start at 1 (at most 100000)."));
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Problem)> PostAsync(string path, object body, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (language is not null) request.Headers.TryAddWithoutValidation("Accept-Language", language);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Theory]
    [InlineData("ca", "Indiqueu l'oficina on aneu.")]
    [InlineData("ca-ES,ca;q=0.9,es;q=0.8,en;q=0.7", "Indiqueu l'oficina on aneu.")]
    [InlineData("es", "Indique la oficina a la que va.")]
    [InlineData("en;q=0.9,es;q=0.5", "Say which office you go to.")]
    [InlineData("fr-FR,fr;q=0.9", "Say which office you go to.")]
    public async Task A_validators_own_message_is_in_the_language_the_request_asks_for(string acceptLanguage, string expected)
    {
        var (status, problem) = await PostAsync("/visits", new { office = "", phone = "612345678" }, acceptLanguage);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, Error(problem, "office"));
    }

    [Fact]
    public async Task A_message_with_a_value_keeps_the_value_in_the_translation()
    {
        var (_, problem) = await PostAsync("/visits", new { office = "x", phone = "612345678", line = "queue" }, "ca");
        Assert.Equal("Cua desconeguda; feu servir: general, point0.", Error(problem, "line"));
        Assert.Equal("La petició no és vàlida.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Fluent_validations_own_messages_come_in_catalan_and_spanish_from_fluent_validation()
    {
        var (_, english) = await PostAsync("/visits", new { office = "x", phone = "" }, null);
        var (_, catalan) = await PostAsync("/visits", new { office = "x", phone = "" }, "ca");
        var (_, spanish) = await PostAsync("/visits", new { office = "x", phone = "" }, "es");
        Assert.Equal("'Phone' must not be empty.", Error(english, "phone"));
        Assert.Contains("buit", Error(catalan, "phone"));
        Assert.Contains("vacío", Error(spanish, "phone"));
    }

    [Fact]
    public async Task Without_accept_language_the_problem_is_the_english_one_of_before_and_only_words_change_with_it()
    {
        var body = new { office = "", phone = "", line = "queue" };
        var (status, english) = await PostAsync("/visits", body, null);
        var (translatedStatus, catalan) = await PostAsync("/visits", body, "ca");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(status, translatedStatus);
        Assert.Equal("The request is not valid.", english.GetProperty("title").GetString());
        Assert.Equal("Say which office you go to.", Error(english, "office"));
        Assert.Equal("Unknown line; use: general, point0.", Error(english, "line"));
        Assert.Equal(Names(english.GetProperty("errors")), Names(catalan.GetProperty("errors")));
        Assert.Equal(english.GetProperty("type").GetString(), catalan.GetProperty("type").GetString());
        Assert.Equal(400, catalan.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_refusal_thrown_by_the_building_blocks_and_a_field_an_endpoint_names_are_translated_too()
    {
        var (status, problem) = await PostAsync("/phones", new { office = "x", phone = "12" }, "es");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("No es un número de teléfono", Error(problem, "phone"));
        Assert.StartsWith("No es un número de teléfono", problem.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/pages");
        request.Headers.AcceptLanguage.ParseAdd("ca");
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Les pàgines comencen per l'1 (fins a 100000).", Error(page, "page"));
    }

    private static string[] Names(JsonElement errors) => errors.EnumerateObject().Select(p => p.Name).Order().ToArray();

    public sealed record Visit(string? Office, string? Phone, string? Line = null);

    private sealed class VisitValidator : AbstractValidator<Visit>
    {
        public VisitValidator()
        {
            RuleFor(v => v.Office).NotEmpty().WithMessage("Say which office you go to.");
            RuleFor(v => v.Phone).NotEmpty();
            RuleFor(v => v.Line).Must(l => l is null or "general" or "point0").WithMessage($"Unknown line; use: {string.Join(", ", "general", "point0")}.");
        }
    }

    private sealed class VisitTexts : ProblemTexts
    {
        public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
        {
            ["Say which office you go to."] = ("Indiqueu l'oficina on aneu.", "Indique la oficina a la que va."),
            ["Unknown line; use: {lines}."] = ("Cua desconeguda; feu servir: {lines}.", "Cola desconocida; use: {lines}."),
        };
    }
}
