using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Omnichannel.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: the ones tools/test.sh started (given in
/// OMNICHANNEL_TEST_POSTGRES, OMNICHANNEL_TEST_RABBITMQ, OMNICHANNEL_TEST_RABBITMQ_CTL), or, where those are
/// not set and a Docker engine answers, containers started here. Each fixture gets its own database and
/// its own RabbitMQ virtual host, so test classes and test assemblies never see each other's data or queues.
/// </summary>
public static class TestServers
{
    private static readonly SemaphoreSlim gate = new(1, 1);
    private static Servers? servers;

    private sealed record Servers(string Postgres, Uri RabbitMq, Func<string[], Task> RabbitMqCtl);

    /// <summary>A new, empty database; the connection string to it.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var s = await GetAsync();
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(s.Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(s.Postgres) { Database = name, MaxPoolSize = 40 }.ConnectionString;
    }

    /// <summary>What every service of one hosted platform shares: a new database and virtual host, the key of
    /// <paramref name="tokens"/>, and a national-id hash key made for this run. A fresh dictionary to add to.</summary>
    public static async Task<Dictionary<string, string?>> NewPlatformSettingsAsync(Tokens tokens) => new()
    {
        ["ConnectionStrings:Postgres"] = await NewDatabaseAsync(),
        ["ConnectionStrings:RabbitMq"] = (await NewVirtualHostAsync()).ToString(),
        ["Auth:SigningKey"] = tokens.Settings.SigningKey,
        ["Citizens:NationalIdHashKey"] = Tokens.NewSecret(),
        ["Appointments:WaitingRoom:TokenKey"] = Tokens.NewSecret(),
        ["Messaging:ConversationKeySecret"] = Tokens.NewSecret(),
        ["Console:KeyRingKey"] = Tokens.NewSecret(),
    };

    /// <summary>A new, empty virtual host; the amqp URI to it.</summary>
    public static async Task<Uri> NewVirtualHostAsync()
    {
        var s = await GetAsync();
        var name = $"t-{Guid.NewGuid():N}";
        await s.RabbitMqCtl(["add_vhost", name]);
        await s.RabbitMqCtl(["set_permissions", "-p", name, "guest", ".*", ".*", ".*"]);
        return new UriBuilder(s.RabbitMq) { Path = "/" + name }.Uri;
    }

    /// <summary>Stops the broker's application (connections drop, nothing is lost) — for outage tests.</summary>
    public static async Task StopBrokerAsync() => await (await GetAsync()).RabbitMqCtl(["stop_app"]);

    public static async Task StartBrokerAsync() => await (await GetAsync()).RabbitMqCtl(["start_app"]);

    /// <summary>Any other rabbitmqctl command, e.g. set_vm_memory_high_watermark 0 (publishes hang) or
    /// close_all_connections -p VHOST (connections dropped) — for outage tests.</summary>
    public static async Task BrokerCtlAsync(params string[] args) => await (await GetAsync()).RabbitMqCtl(args);

    private static async Task<Servers> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            return servers ??= FromEnvironment() ?? await FromContainersAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private static Servers? FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable("OMNICHANNEL_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("OMNICHANNEL_TEST_RABBITMQ");
        var ctl = Environment.GetEnvironmentVariable("OMNICHANNEL_TEST_RABBITMQ_CTL");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbit) || string.IsNullOrWhiteSpace(ctl)) return null;
        var prefix = ctl.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Servers(postgres, new Uri(rabbit), args => RunAsync(prefix[0], [.. prefix[1..], .. args]));
    }

    private static async Task<Servers> FromContainersAsync()
    {
        try
        {
            var postgres = new PostgreSqlBuilder("postgres:15").Build();
            var rabbit = new RabbitMqBuilder("rabbitmq:3.10").WithUsername("guest").WithPassword("guest").Build();
            await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
            return new Servers(postgres.GetConnectionString(), new Uri(rabbit.GetConnectionString()), async args =>
            {
                var result = await rabbit.ExecAsync(["rabbitmqctl", .. args]);
                if (result.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)}: {result.Stderr}");
            });
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "No test servers: run the suite with tools/test.sh (it starts PostgreSQL and RabbitMQ and sets OMNICHANNEL_TEST_*), " +
                "or have a Docker engine running for Testcontainers.", e);
        }
    }

    /// <summary>rabbitmqctl has been seen to hang on a loaded machine (several brokers' CLIs at once): each try is given a
    /// minute, killed and tried again, so a test fails with the command's name instead of waiting for ever.</summary>
    private static async Task RunAsync(string file, string[] args)
    {
        const int tries = 3;
        for (var attempt = 1; ; attempt++)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (attempt < tries) continue;
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within a minute, {tries} times.");
            }
            var output = await stderr + await stdout;
            // A try that was killed late may have done its work already (a vhost added): that is success too.
            if (process.ExitCode == 0 || attempt > 1 && output.Contains("already exists", StringComparison.OrdinalIgnoreCase)) return;
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        }
    }
}
