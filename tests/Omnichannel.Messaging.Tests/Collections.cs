namespace Omnichannel.Messaging.Tests;

/// <summary>
/// The messaging test collections. Each collection starts one <see cref="MessagingPlatform"/> (its collection fixture)
/// that its test classes share, one test after the other; collections run side by side, each on its own platform (own
/// database, virtual host, mailbox, fakes and clock). Why: starting a platform (five services) was most of this
/// project's time when every test class started its own. Each test still makes its own chats, citizens, mail addresses
/// and topics, so the order within a collection does not matter. What decides the collection is the messaging clock:
/// </summary>
public static class Collections
{
    /// <summary>Tests that move the service's clock (operator hours, the code throttle, Meta's 24-hour window): together, so
    /// no test of another collection meets a moved clock. Each of their tests starts at the real time
    /// (<see cref="MessagingPlatform.AtTheRealTime"/>), as on a platform of its own.</summary>
    public const string Clock = "messaging: tests that move the clock";

    /// <summary>Webhooks, keyword answers and the writes behind them, on the real clock.</summary>
    public const string Webhooks = "messaging: webhooks and keyword answers";

    /// <summary>Staff saving keywords whose buttons send the demo keywords: apart, since on the webhooks' platform, after
    /// <c>KeywordManagementTests</c>, two of its saves were refused as naming no keyword (2026-12-01 CI run; cause not
    /// yet found: the demo keywords still answered there).</summary>
    public const string Buttons = "messaging: keyword buttons";

    /// <summary>Notices, e-mail, complaints and the citizen's history, on the real clock.</summary>
    public const string Notices = "messaging: notices, e-mail and complaints";
}

[CollectionDefinition(Collections.Clock)]
public sealed class ClockCollection : ICollectionFixture<MessagingPlatform>;

[CollectionDefinition(Collections.Webhooks)]
public sealed class WebhooksCollection : ICollectionFixture<MessagingPlatform>;

[CollectionDefinition(Collections.Notices)]
public sealed class NoticesCollection : ICollectionFixture<MessagingPlatform>;

[CollectionDefinition(Collections.Buttons)]
public sealed class ButtonsCollection : ICollectionFixture<MessagingPlatform>;
