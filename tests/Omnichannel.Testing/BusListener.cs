using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;

namespace Omnichannel.Testing;

/// <summary>
/// A queue of the test's own on the real RabbitMQ, bound to the exchanges of some integration events (as MassTransit names
/// them), as a consumer in another service would have: what a service published through its outbox, read back as it
/// travels on the wire. Every delivery is kept, duplicates included (at-least-once).
/// </summary>
public sealed class BusListener : IAsyncDisposable
{
    private const string ContractPrefix = "urn:message:Omnichannel.Contracts.V1:";

    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;

    private BusListener(IConnection connection, IChannel channel, string queue) => (this.connection, this.channel, this.queue) = (connection, channel, queue);

    /// <summary>Every delivery so far, duplicates included: the event's type name, its MessageId, the event.</summary>
    public ConcurrentQueue<(string Type, Guid MessageId, JsonElement Message)> Received { get; } = new();

    /// <summary>Listens on <paramref name="rabbitMq"/> to the integration events named <paramref name="types"/> (their
    /// record names, e.g. "IncidentProgressed"). With a <paramref name="queue"/> name the queue outlives the connection;
    /// without one it is the broker's, deleted with the listener.</summary>
    public static async Task<BusListener> StartAsync(string rabbitMq, IEnumerable<string> types, string? queue = null)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var name = queue is null
            ? (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName
            : (await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false)).QueueName;
        foreach (var type in types)
        {
            // As MassTransit declares a message type's exchange, so declaring it first is harmless.
            var exchange = $"Omnichannel.Contracts.V1:{type}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(name, exchange, "");
        }
        return new BusListener(connection, channel, name);
    }

    /// <summary>Takes what has arrived on the queue into <see cref="Received"/>.</summary>
    public async Task DrainAsync()
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            var envelope = JsonDocument.Parse(delivery.Body).RootElement;
            var type = envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()!).First(t => t.StartsWith(ContractPrefix, StringComparison.Ordinal));
            Received.Enqueue((type[ContractPrefix.Length..], envelope.GetProperty("messageId").GetGuid(), envelope.GetProperty("message").Clone()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
