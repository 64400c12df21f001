# syntax=docker/dockerfile:1
# The image of any service of the platform, or of the gateway: the project is a build argument.
# Build context: the repository root.
#   docker build --build-arg PROJECT=services/Queues/Omnichannel.Queues.csproj -t omnichannel/queues:dev .
#   docker build --build-arg PROJECT=gateway/Omnichannel.Gateway.csproj -t omnichannel/gateway:dev .
# Without Docker: dotnet publish <project> -t:PublishContainer (container properties in charts/container.props).
# Listeners come from the launcher (the Helm chart sets REST on 8080 and, for services, gRPC h2c on 8081).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
ARG CONFIGURATION=Release
WORKDIR /src
# Sources, the NuGet sources and folder feed, central package versions, the SDK pin; bin/, obj/ and
# everything restore does not need stay out (.dockerignore).
COPY . .
# The NuGet cache survives between builds (BuildKit cache mount).
RUN --mount=type=cache,id=omnichannel-nuget,target=/root/.nuget/packages \
    test -n "$PROJECT" || { echo "--build-arg PROJECT=<path of the .csproj> is required" >&2; exit 1; }; \
    dotnet publish "$PROJECT" -c "$CONFIGURATION" -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
# Owned by root and not writable by the app user: the container runs with a read-only root
# filesystem; the only writable path is /tmp (an emptyDir in the Helm chart).
COPY --from=build /app ./
EXPOSE 8080 8081
# The non-root user of the .NET images (uid 1654), numeric so runAsNonRoot can verify it.
USER $APP_UID
# The published app is the one assembly with a runtimeconfig; exec, so that SIGTERM reaches it.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet /app/$(basename /app/*.runtimeconfig.json .runtimeconfig.json).dll"]
