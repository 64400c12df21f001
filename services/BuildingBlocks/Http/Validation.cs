using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.BuildingBlocks.Http;

public static class Validation
{
    /// <summary>Validates the endpoint's <typeparamref name="TRequest"/> argument with its FluentValidation
    /// validator before the handler runs: a 400 problem listing each field and its reason.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : class =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
            if (request is null)
                return ProblemHandling.InvalidField("body", "A JSON body is required.");

            var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
            // FluentValidation's own messages in the reader's language; the service's own are translated with the problem.
            var result = await ValidationCulture.InAsync(ProblemLanguage.Of(context.HttpContext),
                () => validator.ValidateAsync(request, context.HttpContext.RequestAborted));
            if (result.IsValid) return await next(context);

            var errors = result.Errors
                .GroupBy(e => CamelCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }).ProducesValidationProblem();

    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
