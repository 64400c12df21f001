using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Omnichannel.StaffConsole.Tests.OnePlatform", "Omnichannel.Console.Tests")]

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// One started <see cref="ConsolePlatform"/> (every service, the console, the gateway, one Chromium) for the whole test
/// assembly, shared by several test collections that xUnit runs side by side. xUnit 2 has no assembly fixture, and a
/// collection fixture would start a platform per collection: this framework hands the one platform to every test class
/// that asks for it, starts it when the first such collection starts and stops it when the assembly's run ends.
/// Why several collections: a browser test spends much of its time waiting on the browser, the console's circuit and the
/// services' push, so two collections at once use the machine's second core (see <see cref="Collections"/> for what may
/// run beside what).
/// </summary>
public sealed class OnePlatform(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    private static readonly object gate = new();
    private static Task<ConsolePlatform>? started;

    /// <summary>The platform, started once; a start that failed fails every test that needs it, with its exception.</summary>
    private static Task<ConsolePlatform> StartedAsync()
    {
        lock (gate)
        {
            return started ??= Task.Run(async () =>
            {
                var platform = new ConsolePlatform();
                await platform.InitializeAsync();
                return platform;
            });
        }
    }

    private static async Task StopAsync()
    {
        Task<ConsolePlatform>? platform;
        lock (gate) (platform, started) = (started, null);
        if (platform is not null && platform.IsCompletedSuccessfully) await (await platform).DisposeAsync();
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformation, diagnostics)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics,
        IMessageSink execution, ITestFrameworkExecutionOptions options) : XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
    {
        protected override Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection,
            IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource) =>
            new CollectionRunner(testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer,
                new ExceptionAggregator(Aggregator), cancellationTokenSource).RunAsync();

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Aggregator.RunAsync(StopAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }

    /// <summary>Gives the collection's test classes the one platform in place of the collection fixture xUnit would
    /// start for this collection alone, and takes it back before xUnit disposes the collection's fixtures (other
    /// collections still use it).</summary>
    private sealed class CollectionRunner(ITestCollection collection, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics,
        IMessageBus messageBus, ITestCaseOrderer orderer, ExceptionAggregator aggregator, CancellationTokenSource cancellation)
        : XunitTestCollectionRunner(collection, testCases, diagnostics, messageBus, orderer, aggregator, cancellation)
    {
        private bool needsPlatform;

        protected override void CreateCollectionFixture(Type fixtureType)
        {
            if (fixtureType == typeof(ConsolePlatform)) needsPlatform = true;
            else base.CreateCollectionFixture(fixtureType);
        }

        protected override async Task AfterTestCollectionStartingAsync()
        {
            await base.AfterTestCollectionStartingAsync();
            if (needsPlatform) await Aggregator.RunAsync(async () => CollectionFixtureMappings[typeof(ConsolePlatform)] = await StartedAsync());
        }

        protected override Task BeforeTestCollectionFinishedAsync()
        {
            CollectionFixtureMappings.Remove(typeof(ConsolePlatform));
            return base.BeforeTestCollectionFinishedAsync();
        }
    }
}

/// <summary>
/// The test collections over the one platform. Tests of one collection run one after the other; collections run side by
/// side (two at a time on two cores), so what one test changes for everybody stays inside its collection:
/// </summary>
public static class Collections
{
    /// <summary>Tickets and desks at the demo office (a desk calls whoever is next, so a test that calls until its own
    /// ticket comes must not meet another collection's desks), the queues' clock, the kiosks (the idle test shortens the
    /// console's idle time for every kiosk page) and the front desk's check-in (it issues a ticket).</summary>
    public const string Counters = "console: tickets, desks and kiosks";

    /// <summary>The citizen web, its notices and alerts, the operators' conversations (the messaging clock they move, the
    /// fake Telegram they share) and the booking windows (a window puts a procedure's bookings in line).</summary>
    public const string CitizenWeb = "console: citizen web, messaging and booking windows";

    /// <summary>Staff panels whose data are their own: incidents, the kiosk fleet, citizen profiles, staff administration,
    /// sign-in through the council's provider.</summary>
    public const string Staff = "console: staff panels";

    /// <summary>Tests that restart the queues service: run alone, after the collections above (xUnit runs a collection
    /// that disables parallelisation by itself), so no other test meets the queues service down. The displays and the
    /// demand board also call tickets at the demo office.</summary>
    public const string QueuesRestarts = "console: queues service restarts";
}

// Each declares the platform as its fixture (so xUnit and its analyzers know where the tests' platform comes from);
// OnePlatform hands them all the same one.
[CollectionDefinition(Collections.Counters)]
public sealed class CountersCollection : ICollectionFixture<ConsolePlatform>;

[CollectionDefinition(Collections.CitizenWeb)]
public sealed class CitizenWebCollection : ICollectionFixture<ConsolePlatform>;

[CollectionDefinition(Collections.Staff)]
public sealed class StaffCollection : ICollectionFixture<ConsolePlatform>;

[CollectionDefinition(Collections.QueuesRestarts, DisableParallelization = true)]
public sealed class QueuesRestartsCollection : ICollectionFixture<ConsolePlatform>;
