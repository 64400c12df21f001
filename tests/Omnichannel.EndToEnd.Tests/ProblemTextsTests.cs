using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// A citizen who reads Catalan or Spanish reads a field's error in it (services/BuildingBlocks/Http/ProblemLanguage.cs):
/// every message a service's validators write themselves (<c>.WithMessage(...)</c>, or a validator of its own) has its
/// Catalan and Spanish in the service's ProblemTexts.cs or the shared table. FluentValidation's own messages are
/// translated by FluentValidation and are not checked here.
/// </summary>
public sealed class ProblemTextsTests
{
    [Fact]
    public void Every_message_a_services_validators_write_has_its_catalan_and_spanish()
    {
        var missing = new List<string>();
        var seenMessages = new HashSet<string>();
        var checkedMessages = 0;
        foreach (var service in PersonalDataDeclarationTests.Services)
        {
            var translator = ProblemTranslator.For(service.Assembly);
            foreach (var type in service.Assembly.GetTypes().Where(IsValidator))
                foreach (var message in OwnMessages((IValidator)Activator.CreateInstance(type)!, []).Distinct())
                {
                    checkedMessages++;
                    seenMessages.Add(message);
                    if (!translator.Knows(message))
                        missing.Add($"services/{service.Name} ({type.Name}): [\"{message}\"] = (\"…\", \"…\"),");
                }
        }
        Assert.True(checkedMessages > 100, $"only {checkedMessages} messages found: is the walk over the validators' rules broken?");
        Assert.Contains("One or two letters, e.g. P.", seenMessages); // a ChildRules' message (queues' ConfigureOffice): children are walked
        Assert.True(missing.Count == 0,
            "Add the Catalan and Spanish of these validator messages to the service's ProblemTexts.cs (or, when several "
            + "services write it, to services/BuildingBlocks/Http/SharedProblemTexts.cs):\n" + string.Join("\n", missing.Distinct()));
    }

    /// <summary>The services whose endpoints answer citizen-facing screens (kiosk, citizen web, display), and their
    /// folders whose refusals only staff or operators see (administration, the fleet, statistics): those are not asked
    /// for Catalan and Spanish here. A new folder is checked until it is listed with its reason.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> StaffOnlyFolders = new()
    {
        ["Kiosks"] = new()
        {
            ["Enrolling"] = "fleet administration", ["Revoking"] = "fleet administration", ["Rotating"] = "fleet administration",
            ["Health"] = "heartbeats and the fleet view, for operations", ["Usage"] = "staff figures", ["LookingUp"] = "the fleet view",
            ["Menus/Publishing"] = "staff publish menus", ["Menus/KioskMenu.cs"] = "staff publish menus",
            ["Assistance/Assistants"] = "staff's availability", ["Assistance/Handling"] = "staff take help requests",
        },
        ["Appointments"] = new()
        {
            ["Offices"] = "the office directory's administration", ["Closures"] = "staff close offices",
            ["Completing"] = "staff at the desk", ["Grpc"] = "answers to other services (their screens word them)",
            ["WaitingRoom/Watching"] = "the waiting room's staff view",
        },
        ["Procedures"] = new()
        {
            ["Campaigns"] = "catalogue administration", ["Catalogue/Publishing"] = "catalogue administration",
            ["Catalogue/Revising"] = "catalogue administration", ["Catalogue/Withdrawing"] = "catalogue administration",
            ["Cases/ChangingStatus"] = "staff handle cases", ["Cases/IssuingNotifications"] = "staff issue notifications",
        },
        ["Incidents"] = new()
        {
            ["Categories"] = "staff administration", ["Indicators"] = "staff figures", ["Merging"] = "staff handle incidents",
            ["Grpc"] = "answers to other services (their screens word them)", ["Workflow/Assigning"] = "staff handle incidents",
            ["Workflow/Closing"] = "staff handle incidents", ["Workflow/Escalating"] = "staff handle incidents",
            ["Workflow/RequestingInformation"] = "staff handle incidents", ["Workflow/IncidentWorkflow.cs"] = "staff handle incidents",
        },
        ["Citizens"] = new()
        {
            ["Erasing"] = "data-protection staff", ["Exporting"] = "data-protection staff", ["UnlinkingIdentities"] = "staff",
            ["History"] = "read by staff and channel apps; its refusals are the query's",
        },
        ["Messaging"] = new()
        {
            ["Broadcast/Alerts"] = "staff send alerts", ["KeywordManagement"] = "staff administration", ["Operators"] = "operators' desk",
            ["Statistics"] = "staff figures", ["WhatsApp"] = "provider webhooks", ["Buttons"] = "staff administration",
            ["Notices/Listing"] = "staff follow notices",
        },
    };

    /// <summary>A message an endpoint or a decision writes itself — <c>Rejection.Invalid(field, "…")</c>,
    /// <c>Rejection.NotFound("…")</c>, <c>Rejection.Conflict("…")</c>, <c>Problem(detail: "…")</c>, literal or
    /// interpolated (a hole is any value, as a table's <c>{name}</c>) — reaches a citizen's screen as the problem's detail,
    /// so it has its Catalan and Spanish too. Read from the source: messages held in constants are not seen.</summary>
    [Fact]
    public void Every_message_a_citizen_facing_endpoint_writes_has_its_catalan_and_spanish()
    {
        var missing = new List<string>();
        var checkedMessages = 0;
        foreach (var service in PersonalDataDeclarationTests.Services.Where(s => StaffOnlyFolders.ContainsKey(Folder(s.Name))))
        {
            var folder = Folder(service.Name);
            var translator = ProblemTranslator.For(service.Assembly);
            var root = Path.Combine(ServiceListTests.Root, "services", folder);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order())
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.StartsWith("obj/") || relative.StartsWith("bin/")
                    || StaffOnlyFolders[folder].Keys.Any(f => relative == f || relative.StartsWith(f + "/", StringComparison.Ordinal))) continue;
                foreach (var message in EndpointMessages(File.ReadAllText(file)))
                {
                    checkedMessages++;
                    if (!translator.Knows(message)) missing.Add($"services/{folder}/{relative}: [\"{message}\"] = (\"…\", \"…\"),");
                }
            }
        }
        Assert.True(checkedMessages > 100, $"only {checkedMessages} endpoint messages found: is the reading of the sources broken?");
        Assert.True(missing.Count == 0,
            "Add the Catalan and Spanish of these endpoint messages to the service's ProblemTexts.cs (or list the folder as staff-only in "
            + "this test, with the reason):\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void Endpoint_messages_are_read_from_the_source_literal_interpolated_and_joined()
    {
        const string source = """
            throw Rejection.Invalid("code", $"No kiosk '{id}'; use: {string.Join(", ", ids)}.");
            throw Rejection.NotFound("There is no such help request.");
            throw Rejection.Conflict("A first part, " +
                "and a second.");
            return Results.Problem(detail: "Said in a problem.", statusCode: 409);
            """;
        Assert.Equal(["No kiosk '{id}'; use: {string.Join(\", \", ids)}.", "There is no such help request.", "A first part, and a second.", "Said in a problem."], EndpointMessages(source));
    }

    private static string Folder(string service) => char.ToUpperInvariant(service[0]) + service[1..];

    /// <summary>A string literal; an interpolated one's holes may hold quotes of their own (<c>{string.Join(", ", x)}</c>).</summary>
    private const string Literal = @"(?:\$""(?:\{\{|\{[^{}]*\}|[^""\\{]|\\.)*""|""(?:[^""\\]|\\.)*"")";

    private static readonly System.Text.RegularExpressions.Regex MessagePattern = new(
        $@"(?:Rejection\.(?:Invalid\(\s*(?:""[^""]*""|[^,()""]+?)\s*,|NotFound\(|Conflict\()|\bdetail:)\s*(?<message>{Literal}(?:\s*\+\s*{Literal})*)");

    private static readonly System.Text.RegularExpressions.Regex Piece = new(Literal);

    internal static List<string> EndpointMessages(string source) =>
        MessagePattern.Matches(source).Select(m => string.Concat(Piece.Matches(m.Groups["message"].Value).Select(p => Unquote(p.Value)))).ToList();

    private static string Unquote(string literal)
    {
        var interpolated = literal.StartsWith('$');
        var text = literal[(interpolated ? 2 : 1)..^1].Replace("\\\"", "\"").Replace("\\\\", "\\");
        return interpolated ? text.Replace("{{", "{").Replace("}}", "}") : text;
    }

    [Fact]
    public void A_message_with_no_translation_is_told_and_a_known_one_with_its_values_is_translated()
    {
        var translator = ProblemTranslator.For(typeof(Omnichannel.Queues.QueuesService).Assembly);
        Assert.False(translator.Knows("A message nobody translated."));
        Assert.Equal("Cua desconeguda; feu servir: general, point0.", translator.Translate("Unknown line; use: general, point0.", "ca"));
        Assert.Equal("Cola desconocida; use: general, point0.", translator.Translate("Unknown line; use: general, point0.", "es"));
        Assert.Equal("Unknown line; use: general, point0.", translator.Translate("Unknown line; use: general, point0.", null));
    }

    private static bool IsValidator(Type type) =>
        type is { IsAbstract: false, IsGenericTypeDefinition: false } && type.GetConstructor(Type.EmptyTypes) is not null
        && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>));

    /// <summary>The messages a validator writes itself, its child validators' included: a component's message that is
    /// not FluentValidation's own English one for that check.</summary>
    private static IEnumerable<string> OwnMessages(IValidator validator, HashSet<IValidator> seen)
    {
        if (!seen.Add(validator)) yield break;
        var english = CultureInfo.GetCultureInfo("en");
        foreach (var rule in validator.CreateDescriptor().Rules)
            foreach (var component in rule.Components)
            {
                if (Child(component.Validator) is { } child)
                {
                    foreach (var inner in OwnMessages(child, seen)) yield return inner;
                    continue;
                }
                var own = Unformatted(component);
                var builtIn = ValidatorOptions.Global.LanguageManager.GetString(component.Validator.Name, english);
                if (own is { Length: > 0 } && own != builtIn) yield return own;
            }
    }

    private static string? Unformatted(IRuleComponent component)
    {
        try
        {
            return component.GetUnformattedErrorMessage();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException)
        {
            return null; // a message built from the request being validated: nothing to look up here
        }
    }

    /// <summary>The validator a ChildRules, SetValidator or Include stands for, when it is one (the adaptor keeps the
    /// instance it was given; one chosen per request has no messages to find here).</summary>
    private static IValidator? Child(object propertyValidator)
    {
        if (propertyValidator is not FluentValidation.Validators.IChildValidatorAdaptor) return null;
        for (var type = propertyValidator.GetType(); type is not null; type = type.BaseType)
            if (type.GetField("_validator", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance) is { } field)
                return field.GetValue(propertyValidator) as IValidator ?? NoMessages;
        return NoMessages;
    }

    private static readonly IValidator NoMessages = new InlineValidator<object>();
}
