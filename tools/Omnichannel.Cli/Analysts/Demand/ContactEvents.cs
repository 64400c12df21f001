namespace Omnichannel.Cli.Analysts.Demand;

/// <summary>
/// Which stored events are a citizen's contact, and through which demand channel — the declared list the demand
/// statistics and the forecast count (from the event tables, never from read models). A type is looked for in every
/// service of the list; a new kind of contact is one line here.
/// </summary>
public static class ContactEvents
{
    private const string Channel = "coalesce(data->>'Channel', data->'Ref'->>'Channel', data->>'channel', 'unknown')";

    /// <summary>Stored type (Marten's name) → SQL giving the demand channel from <c>data</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["case_submitted"] = Channel,                                     // procedures: a case from any channel
        ["appointment_booked"] = Channel,                                 // appointments
        ["callback_requested"] = "'phone'",                               // appointments: the council calls back
        // queues: the line as the queues service stores it ("point0"), or its letter ("P")
        ["ticket_issued"] = "case coalesce(data->>'Line', '') when 'point0' then 'point0' when 'P' then 'point0' else 'general-line' end",
        ["walk_in_refused"] = "'general-line'",                           // queues: demand sent to appointments
        ["conversation_started"] = Channel,                               // messaging: telegram, whatsapp, email, sms
        ["handed_over"] = "'chat-handover'",                              // messaging: to a person
        ["incident_reported"] = Channel,                                  // incidents
        ["session_started"] = "'kiosk'",                                  // kiosks
    };

    /// <summary>When the contact happened: the event's own <c>At</c> (the services' decision time), else when it was
    /// appended (an imported or replayed event keeps its own time).</summary>
    public const string Time = "coalesce(case when jsonb_typeof(data->'At') = 'string' then (data->>'At')::timestamptz end, timestamp)";

    /// <summary>SQL for the procedure and office of a contact, where the event names them.</summary>
    public const string Procedure = "coalesce(data->>'ProcedureCode', data->'Ref'->>'ProcedureCode', '-')";
    public const string Office = "coalesce(data->>'OfficeId', data->'Ref'->>'OfficeId', case when stream_id like 'office-day:%' then split_part(stream_id, ':', 2) end, '-')";
}
