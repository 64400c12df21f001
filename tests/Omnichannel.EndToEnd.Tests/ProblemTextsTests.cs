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
