using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// Each service's OpenAPI document, shaped for client generators: every status an operation can answer has a
/// schema (the statuses every operation shares are added here, once; an endpoint declares only its own success type,
/// 404 and 409), schemas follow the serializer (enums as the strings it writes, numbers as numbers, required only what
/// a request must carry), and the document served through the gateway names the gateway as its server.
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddOpenApiDocuments(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ValidatedMembers>();
        return services.AddOpenApi(o => o
            .AddDocumentTransformer<BearerSecurityScheme>()
            .AddDocumentTransformer<GatewayServer>()
            .AddDocumentTransformer<ProblemSchemas>()
            .AddDocumentTransformer<NullableMembers>()
            .AddOperationTransformer<AccessReasonParameter>() // before SharedResponses, which adds the 400 a parameter brings
            .AddOperationTransformer<SharedResponses>()
            .AddSchemaTransformer<PolicyTypesSchema>()
            .AddSchemaTransformer<Vocabulary.WireEnumSchema>() // before ClientSchemas, which reads the values it lists
            .AddSchemaTransformer<ListItems>()
            .AddSchemaTransformer<ClientSchemas>());
    }
}
