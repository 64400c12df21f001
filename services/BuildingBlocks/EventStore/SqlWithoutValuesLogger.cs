using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// Marten's logger without the parameters: Marten's default writes every command's parameter values (phones, e-mails,
/// codes) at Debug and on a failure at Error. Here the SQL text and timing only, so turning Marten's logs up to
/// find a problem never puts a citizen's identity in a log line.
/// </summary>
public sealed class SqlWithoutValuesLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Marten changed the schema: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command) => logger.LogDebug("Marten executed: {Sql}", command.CommandText);

    public void LogSuccess(NpgsqlBatch batch)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            foreach (var command in batch.BatchCommands) logger.LogDebug("Marten executed: {Sql}", command.CommandText);
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => logger.LogError(ex, "Marten failed: {Sql}", command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        logger.LogError(ex, "Marten failed a batch: {Sql}", string.Join("; ", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => logger.LogError(ex, "{Message}", message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }
}
