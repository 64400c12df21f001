namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>
/// The waiting room's tables and functions, in the service's schema. The order lives here, in PostgreSQL, so every
/// replica of the service shares one: arrival numbers come from one sequence, each room is one row whose lock
/// serialises admissions, and a change is announced with NOTIFY to every replica's listeners.
/// Admission runs in one function (<c>waiting_room_promote</c>) so a step is one round trip under the room's lock.
/// </summary>
internal static class WaitingRoomSql
{
    public const string Channel = "appointments_waiting_room";

    /// <summary>A waiting place's position is counted exactly as far as the reach of the room (the places left plus the
    /// standby): a place further back shows the first position beyond it until the step tells it there is none for it
    /// (within a settling second). So a crowd's joins and looks at their turn each count at most that many places, not
    /// every place ahead of them (O(n²) for a crowd of n, which all join before any has settled). SQL for the limit.</summary>
    public const string PositionsCounted = "greatest(r.places_left + r.standby, 1)";

    /// <summary>The same limit where the room is read with its bookings counted (<c>b</c>, <c>waiting_room_bookings</c>).</summary>
    public const string PositionsCountedRead = "greatest(r.places_left - b.booked + r.standby, 1)";

    public static string Schema(string s) => $$"""
        create schema if not exists {{s}};
        create table if not exists {{s}}.waiting_rooms (
            tenant_id text not null,
            procedure_code text not null,
            revision int not null,
            office_id text null,
            first_day date not null,
            last_day date not null,
            opens_at timestamptz not null,
            places int not null,
            places_left int not null,
            admit_at_once int not null,
            admission_seconds int not null,
            state text not null,
            next_check_at timestamptz null,
            turn_ms double precision null,
            sold_out_at timestamptz null,
            primary key (tenant_id, procedure_code));
        create sequence if not exists {{s}}.waiting_room_arrivals;
        create table if not exists {{s}}.waiting_room_entries (
            entry_id uuid primary key,
            tenant_id text not null,
            procedure_code text not null,
            revision int not null,
            arrival bigint not null default nextval('{{s}}.waiting_room_arrivals'),
            citizen_id uuid not null,
            client text not null,
            device text null,
            state text not null,
            arrived_at timestamptz not null,
            admitted_at timestamptz null,
            admitted_until timestamptz null,
            booked_at timestamptz null,
            appointment_id uuid null,
            unique (tenant_id, procedure_code, revision, citizen_id));
        create index if not exists waiting_room_entries_arrived on {{s}}.waiting_room_entries (tenant_id, procedure_code, revision, state, arrived_at, arrival);
        create index if not exists waiting_room_entries_client on {{s}}.waiting_room_entries (tenant_id, procedure_code, revision, client);
        create index if not exists waiting_room_entries_device on {{s}}.waiting_room_entries (tenant_id, procedure_code, revision, device) where device is not null;
        -- Places told "no place for you" at once: those beyond the places left plus a few standing by (standby), counted
        -- only among places that have settled (settle_ms after arriving: time for a client's other identities to show it
        -- is a bot, before any of its places is admitted or pushes a person out).
        alter table {{s}}.waiting_rooms add column if not exists standby int not null default 0;
        alter table {{s}}.waiting_rooms add column if not exists settle_ms int not null default 0;

        -- A window's bookings are counted from its places booked (two index ranges of the room's places, at most its places
        -- long), not kept on the room's row: a crowd's bookings each took that one row's lock in turn to count themselves
        -- (Lock:tuple, the largest wait left under a crowd). The row's places_left is the window's places (less what
        -- MarkSoldOutAsync takes away); the places left are that less the places booked. The average turn is over the
        -- window's bookings. Counted together with the admitted in one statement, so a booking committing in between cannot
        -- be seen in one count and not in the other.
        create or replace function {{s}}.waiting_room_bookings(p_tenant text, p_procedure text, p_revision int, out booked int, out admitted int, out turn_ms double precision)
        language sql stable as $fn$
            select (count(*) filter (where x.state = 'booked'))::int, (count(*) filter (where x.state = 'admitted'))::int,
                   avg(extract(epoch from (x.booked_at - x.admitted_at)) * 1000) filter (where x.state = 'booked')
              from {{s}}.waiting_room_entries x
             where x.tenant_id = p_tenant and x.procedure_code = p_procedure and x.revision = p_revision and x.state in ('booked', 'admitted')
        $fn$;

        -- Wakes a room's waiting clients on every replica; a list too long for a notice (8,000 bytes) wakes everyone.
        create or replace function {{s}}.waiting_room_notify(p_tenant text, p_procedure text, p_revision int, p_what text) returns void
        language plpgsql as $fn$
        begin
            perform pg_notify('{{Channel}}', p_tenant || '/' || p_procedure || '/' || p_revision || '/' ||
                              case when length(p_what) > 7500 then 'moved' else p_what end);
        end $fn$;

        -- Wakes the clients of a list of arrival numbers, in as many notices as it takes (a notice holds 8,000 bytes): a
        -- crowd told at once that there is no place for it wakes those places only, not every long poll of the room.
        create or replace function {{s}}.waiting_room_notify_each(p_tenant text, p_procedure text, p_revision int, p_kind text, p_arrivals bigint[]) returns void
        language plpgsql as $fn$
        declare chunk text := ''; n bigint;
        begin
            foreach n in array coalesce(p_arrivals, '{}'::bigint[]) loop
                if length(chunk) > 7000 then
                    perform {{s}}.waiting_room_notify(p_tenant, p_procedure, p_revision, p_kind || ':' || chunk);
                    chunk := '';
                end if;
                chunk := chunk || case when chunk = '' then '' else ',' end || n;
            end loop;
            if chunk <> '' then perform {{s}}.waiting_room_notify(p_tenant, p_procedure, p_revision, p_kind || ':' || chunk); end if;
        end $fn$;

        -- One admission step for a room: turns not used in time go back, the next settled places in arrival order are
        -- admitted while places and admissions remain, and the settled places beyond the places left plus the standby are
        -- told at once that there is none for them (they could only get one if that many ahead gave theirs up); with no
        -- place left everyone still waiting is told at once.
        -- SKIP LOCKED: a caller finding the room being stepped by another leaves it to that one.
        -- p_hold: the earliest arrival the calling replica is still putting in line; no one arriving at or after it is let
        -- in or told there is no place yet (it may be ahead of them). p_held_clients / p_held_at: the clients (and devices,
        -- named 'device:'…) with a join on its way there, each with its earliest stamp: a place of theirs with such a join
        -- stamped within its settling second is not let in yet (it may be their bot's next identity, which refuses it),
        -- but keeps its turn: no one behind it is let in in its stead.
        drop function if exists {{s}}.waiting_room_promote(text, text, timestamptz);
        drop function if exists {{s}}.waiting_room_promote(text, text, timestamptz, timestamptz);
        create or replace function {{s}}.waiting_room_promote(p_tenant text, p_procedure text, p_now timestamptz, p_hold timestamptz default null,
                                                              p_held_clients text[] default null, p_held_at timestamptz[] default null) returns text
        language plpgsql as $fn$
        declare
            r record; active int; booked int; n int; admitted text; expired text; cut int; cut_arrivals bigint[]; outcome text; settled timestamptz;
            settling interval; held int := 0;
        begin
            select * into r from {{s}}.waiting_rooms where tenant_id = p_tenant and procedure_code = p_procedure for update skip locked;
            if not found or r.state <> 'open' then return null; end if;
            with e as (update {{s}}.waiting_room_entries set state = 'expired'
                       where tenant_id = p_tenant and procedure_code = p_procedure and revision = r.revision
                         and state = 'admitted' and admitted_until <= p_now returning arrival)
            select string_agg(arrival::text, ',') into expired from e;
            select b.booked, b.admitted into booked, active from {{s}}.waiting_room_bookings(p_tenant, p_procedure, r.revision) b;
            r.places_left := r.places_left - booked;
            if r.places_left <= 0 then
                update {{s}}.waiting_room_entries set state = 'no-places-left'
                 where tenant_id = p_tenant and procedure_code = p_procedure and revision = r.revision and state in ('waiting', 'admitted');
                update {{s}}.waiting_rooms set state = 'sold-out', next_check_at = null, sold_out_at = p_now
                 where tenant_id = p_tenant and procedure_code = p_procedure;
                outcome := 'sold-out';
                perform {{s}}.waiting_room_notify(p_tenant, p_procedure, r.revision, outcome);
                return outcome;
            end if;
            settling := make_interval(secs => r.settle_ms / 1000.0);
            settled := p_now - settling;
            if p_hold is not null and p_hold <= settled then settled := p_hold - interval '1 microsecond'; end if;
            if p_now >= r.opens_at then
                n := least(r.admit_at_once, r.places_left) - active;
                if n > 0 then
                    -- The next n settled places in arrival order; of those, a place whose client or device has a join on its
                    -- way stamped within its settling second waits for it (a bot's identities stamped together but put in
                    -- line seconds apart — a crowd queues in a replica — refuse one another before any of them is let in).
                    -- Only that client's places wait: a person is never held back by someone else's join.
                    with next as (select entry_id, client, device, arrived_at, arrival from {{s}}.waiting_room_entries
                                   where tenant_id = p_tenant and procedure_code = p_procedure and revision = r.revision and state = 'waiting'
                                     and arrived_at <= settled
                                   order by arrived_at, arrival limit n),
                         on_its_way as (select h.k, h.at from unnest(p_held_clients, p_held_at) as h(k, at)),
                         due as (select x.entry_id, x.arrival,
                                        coalesce(hc.at <= x.arrived_at + settling, false) or coalesce(hd.at <= x.arrived_at + settling, false) as waits
                                   from next x left join on_its_way hc on hc.k = x.client left join on_its_way hd on hd.k = 'device:' || x.device),
                         a as (update {{s}}.waiting_room_entries set state = 'admitted', admitted_at = p_now,
                                      admitted_until = p_now + make_interval(secs => r.admission_seconds)
                               where entry_id in (select entry_id from due where not waits)
                               returning arrival)
                    select (select string_agg(arrival::text, ',') from a), (select count(*) from due where waits) into admitted, held;
                end if;
            end if;
            -- A place counts the clients ahead, not the places: a client's several places (a family, or a bot whose next
            -- identity has not refused them yet) push no one out beyond the first — a bot refused a moment later would
            -- otherwise have had people told "no place" that its places, given back, would have reached.
            with placed as (select entry_id, state, arrived_at, arrival,
                                   row_number() over (partition by client order by arrived_at, arrival) as nth
                              from {{s}}.waiting_room_entries
                             where tenant_id = p_tenant and procedure_code = p_procedure and revision = r.revision
                               and (state = 'admitted' or (state = 'waiting' and arrived_at <= settled))),
                 line as (select entry_id, state, count(*) filter (where nth = 1) over (order by arrived_at, arrival rows unbounded preceding) as place from placed),
                 c as (update {{s}}.waiting_room_entries set state = 'no-places-left'
                        where entry_id in (select entry_id from line where state = 'waiting' and place > r.places_left + r.standby)
                        returning arrival)
            select count(*), array_agg(arrival) into cut, cut_arrivals from c;
            update {{s}}.waiting_rooms set next_check_at = case when p_now < r.opens_at then r.opens_at else
                   (select min(admitted_until) from {{s}}.waiting_room_entries
                     where tenant_id = p_tenant and procedure_code = p_procedure and revision = r.revision and state = 'admitted') end
             where tenant_id = p_tenant and procedure_code = p_procedure;
            -- A place still settling is looked at again when it has settled; one held back by a join on its way (or by its
            -- client's), shortly — not at once by every look at a turn.
            if r.settle_ms > 0 then
                update {{s}}.waiting_rooms w set next_check_at = least(w.next_check_at, greatest(s.due, p_now + interval '100 milliseconds'))
                  from (select case when held > 0 then p_now else min(arrived_at) + settling end as due from {{s}}.waiting_room_entries
                         where tenant_id = p_tenant and procedure_code = p_procedure and revision = r.revision and state = 'waiting' and arrived_at > settled) s
                 where w.tenant_id = p_tenant and w.procedure_code = p_procedure and (s.due is not null);
            end if;
            -- Only the places cut are woken: those ahead of them did not move (the cut is the tail of the settled line).
            if cut > 0 then perform {{s}}.waiting_room_notify_each(p_tenant, p_procedure, r.revision, 'cut', cut_arrivals); end if;
            if admitted is null and expired is null then return case when cut > 0 then 'cut' end; end if;
            outcome := 'admitted:' || coalesce(admitted, '') || ':expired:' || coalesce(expired, '');
            perform {{s}}.waiting_room_notify(p_tenant, p_procedure, r.revision, outcome);
            return outcome;
        end $fn$;

        -- An admitted client took its place: its place is marked booked, and that mark is the room's count of it
        -- (waiting_room_bookings). No other row is written: a crowd's bookings no longer queue on the room's row. Committed
        -- without waiting for the disk: the booking itself is already durable (its events), and a crash can lose the last
        -- few marks, as a crash between a booking and its mark always could: the admitted client that then finds the
        -- window full marks the room sold out (WaitingRoomStore.MarkSoldOutAsync).
        create or replace function {{s}}.waiting_room_booked(p_entry uuid, p_appointment uuid, p_now timestamptz) returns text
        language plpgsql as $fn$
        begin
            perform set_config('synchronous_commit', 'off', true);
            update {{s}}.waiting_room_entries set state = 'booked', booked_at = p_now, appointment_id = p_appointment
             where entry_id = p_entry and state in ('admitted', 'expired');
            return case when found then 'booked' end;
        end $fn$;

        -- Once a booking's mark has committed (in a transaction of its own, so of two bookings at once the later look sees
        -- both, and the last place is never missed): a booking that frees a turn (the room admits fewer at once than the
        -- places left) or took the last place steps the line, under the room's row (waited for, not skipped: everyone must
        -- be told at once that the last place went); any other leaves the line as it was and the room's row untouched.
        create or replace function {{s}}.waiting_room_booked_step(p_entry uuid, p_now timestamptz) returns text
        language plpgsql as $fn$
        declare e record; r record; b record;
        begin
            select x.tenant_id, x.procedure_code, x.revision into e from {{s}}.waiting_room_entries x where x.entry_id = p_entry;
            if not found then return null; end if;
            select * into r from {{s}}.waiting_rooms w where w.tenant_id = e.tenant_id and w.procedure_code = e.procedure_code;
            if not found or r.state <> 'open' or r.revision <> e.revision then return null; end if;
            select * into b from {{s}}.waiting_room_bookings(e.tenant_id, e.procedure_code, e.revision);
            if r.places_left - b.booked > 0 and least(r.admit_at_once, r.places_left - b.booked) <= b.admitted then return null; end if;
            perform 1 from {{s}}.waiting_rooms w where w.tenant_id = e.tenant_id and w.procedure_code = e.procedure_code for update;
            return {{s}}.waiting_room_promote(e.tenant_id, e.procedure_code, p_now);
        end $fn$;

        -- Someone (a client leaving, an admission revoked) gave a turn back: the next comes in.
        create or replace function {{s}}.waiting_room_release(p_entry uuid, p_state text, p_now timestamptz) returns text
        language plpgsql as $fn$
        declare e record;
        begin
            perform 1 from {{s}}.waiting_rooms w join {{s}}.waiting_room_entries x on x.tenant_id = w.tenant_id and x.procedure_code = w.procedure_code
              where x.entry_id = p_entry for update of w;
            update {{s}}.waiting_room_entries set state = p_state
             where entry_id = p_entry and state in ('waiting', 'admitted')
             returning tenant_id, procedure_code into e;
            if not found then return null; end if;
            return {{s}}.waiting_room_promote(e.tenant_id, e.procedure_code, p_now);
        end $fn$;

        -- Arrivals, as many as came together (p_arrived: when the gateway received each request, so a crowd is ordered as
        -- it came, not as the database got to each insert; the batch is put in line in that order, in one transaction and
        -- one commit): one place per citizen per room (the same one again when asked twice); a client or device over its
        -- limit loses every place it holds in the room. Serialised per client and per device by advisory locks, all of
        -- the batch's taken first in the keys' order — two batches (two replicas) sharing a client wait for each other
        -- instead of deadlocking, and a bot's identities in one batch take their client's lock once, not one pooled
        -- connection each queued on it.
        -- Answers, per item (idx: its index in the arrays, from 1), the place with its state and, for a new place, how many
        -- places wait ahead of it (its position less one): the join reads only the live places ahead (admitted, and
        -- waiting — the step cuts the settled ones beyond the places), each through an index range, never every place the
        -- room has had; a crowd of n joins is not O(n²). A new place changed by a later item of its batch (a bot's fifth
        -- identity refusing it) answers its state as it is at the end; one let in meanwhile answers no state (read afresh).
        -- p_known: whether each citizen is known to be registered (the caller looks in KnownCitizen in the same statement);
        -- an unknown one takes no place ('unknown-citizen': the caller asks the citizens directory, then joins again).
        create or replace function {{s}}.waiting_room_join_many(p_tenant text, p_procedure text, p_now timestamptz, p_max_device int,
            p_entries uuid[], p_citizens uuid[], p_clients text[], p_devices text[], p_arrived timestamptz[], p_known boolean[], p_max_client int[])
            returns table (idx int, entry_id uuid, arrival bigint, outcome text, revision int, state text, ahead bigint)
        language plpgsql as $fn$
        #variable_conflict use_column
        declare r record; existing record; i int; k bigint; held int; refused text; was_admitted boolean; settled timestamptz; v_arrival bigint;
            reach int; clients_ahead int; places_ahead bigint; v_state text; v_client text; v_device text; v_arrived timestamptz; v_room text;
            o_idx int[] := '{}'; o_entry uuid[] := '{}'; o_arrival bigint[] := '{}'; o_outcome text[] := '{}'; o_revision int[] := '{}';
            o_state text[] := '{}'; o_ahead bigint[] := '{}';
        begin
            select * into r from {{s}}.waiting_rooms w where w.tenant_id = p_tenant and w.procedure_code = p_procedure;
            v_room := case when found then r.state else 'no-room' end;
            if v_room = 'open' then
                r.places_left := r.places_left - (select b.booked from {{s}}.waiting_room_bookings(p_tenant, p_procedure, r.revision) b);
                foreach k in array coalesce((select array_agg(distinct x.key order by x.key) from (
                        select hashtextextended('waiting-room/client/' || p_tenant || '/' || c, 0) as key from unnest(p_clients) c
                        union all
                        select hashtextextended('waiting-room/device/' || p_tenant || '/' || d, 0) from unnest(p_devices) d where d is not null) x), '{}'::bigint[]) loop
                    perform pg_advisory_xact_lock(k);
                end loop;
                settled := p_now - make_interval(secs => r.settle_ms / 1000.0);
            end if;
            for i in select g from generate_subscripts(p_entries, 1) g order by p_arrived[g], g loop
                v_client := p_clients[i]; v_device := p_devices[i]; v_arrived := p_arrived[i];
                o_idx := o_idx || i; places_ahead := null;
                if not p_known[i] or v_room <> 'open' then
                    o_entry := o_entry || null::uuid; o_arrival := o_arrival || null::bigint; o_revision := o_revision || null::int;
                    o_state := o_state || null::text; o_ahead := o_ahead || null::bigint;
                    o_outcome := o_outcome || case when not p_known[i] then 'unknown-citizen' else v_room end;
                    continue;
                end if;
                select * into existing from {{s}}.waiting_room_entries x
                 where x.tenant_id = p_tenant and x.procedure_code = p_procedure and x.revision = r.revision and x.citizen_id = p_citizens[i];
                if found then
                    -- (its place as it stands now is read by the caller)
                    o_entry := o_entry || existing.entry_id; o_arrival := o_arrival || existing.arrival; o_revision := o_revision || r.revision;
                    o_state := o_state || existing.state; o_ahead := o_ahead || null::bigint;
                    o_outcome := o_outcome || case when existing.state = 'refused' then 'refused' else 'again' end;
                    continue;
                end if;
                -- (the client's places and the device's, each an index range: one condition "client or device" read every
                -- place of the room for each join — O(n²) for a crowd — in the plan the function keeps)
                select count(*) into held from (
                    select x.entry_id from {{s}}.waiting_room_entries x
                     where x.tenant_id = p_tenant and x.procedure_code = p_procedure and x.revision = r.revision and x.client = v_client and x.state <> 'refused'
                    union
                    select x.entry_id from {{s}}.waiting_room_entries x
                     where v_device is not null and x.tenant_id = p_tenant and x.procedure_code = p_procedure and x.revision = r.revision
                       and x.device = v_device and x.state <> 'refused') h;
                if held >= least(p_max_client[i], case when v_device is null then p_max_client[i] else p_max_device end) then
                    perform 1 from {{s}}.waiting_rooms w where w.tenant_id = p_tenant and w.procedure_code = p_procedure for update;
                    with x as (update {{s}}.waiting_room_entries x set state = 'refused'
                                where x.tenant_id = p_tenant and x.procedure_code = p_procedure and x.revision = r.revision
                                  and x.entry_id in (select y.entry_id from {{s}}.waiting_room_entries y
                                                      where y.tenant_id = p_tenant and y.procedure_code = p_procedure and y.revision = r.revision and y.client = v_client
                                                     union all
                                                     select y.entry_id from {{s}}.waiting_room_entries y
                                                      where v_device is not null and y.tenant_id = p_tenant and y.procedure_code = p_procedure and y.revision = r.revision
                                                        and y.device = v_device)
                                  and x.state in ('waiting', 'admitted')
                                returning x.arrival, x.admitted_at)
                    select string_agg(x.arrival::text, ','), bool_or(x.admitted_at is not null) into refused, was_admitted from x;
                    -- Its places waiting on their turn are told at once; an admitted one gives its turn to the next.
                    if refused is not null then perform {{s}}.waiting_room_notify(p_tenant, p_procedure, r.revision, 'refused:' || refused); end if;
                    if was_admitted then perform {{s}}.waiting_room_promote(p_tenant, p_procedure, p_now); end if;
                    o_entry := o_entry || null::uuid; o_arrival := o_arrival || null::bigint; o_revision := o_revision || null::int;
                    o_state := o_state || null::text; o_ahead := o_ahead || null::bigint; o_outcome := o_outcome || 'too-many-positions'::text;
                    continue;
                end if;
                -- Already that many settled clients ahead as there are places left plus the standby: none for this one, said now.
                v_arrival := nextval('{{s}}.waiting_room_arrivals');
                reach := greatest(r.places_left + r.standby, 0);
                -- Clients ahead, not places (as in the step's cut), among the live places only: the admitted (at most the places
                -- left) and the settled waiting (the step cuts those beyond the reach, so they stay few) — each an index range of
                -- (state, arrived_at), not the room's every place as a scan by client was.
                select count(distinct a.client) into clients_ahead from (
                    select w.client from {{s}}.waiting_room_entries w
                     where w.tenant_id = p_tenant and w.procedure_code = p_procedure and w.revision = r.revision and w.state = 'admitted'
                       and (w.arrived_at, w.arrival) < (v_arrived, v_arrival)
                    union all
                    select w.client from {{s}}.waiting_room_entries w
                     where w.tenant_id = p_tenant and w.procedure_code = p_procedure and w.revision = r.revision and w.state = 'waiting'
                       and w.arrived_at <= settled and (w.arrived_at, w.arrival) < (v_arrived, v_arrival)) a
                 where a.client <> v_client;
                v_state := case when clients_ahead >= reach then 'no-places-left' else 'waiting' end;
                insert into {{s}}.waiting_room_entries as x (entry_id, tenant_id, procedure_code, revision, arrival, citizen_id, client, device, state, arrived_at)
                    values (p_entries[i], p_tenant, p_procedure, r.revision, v_arrival, p_citizens[i], v_client, v_device, v_state, v_arrived)
                    on conflict (tenant_id, procedure_code, revision, citizen_id) do update set state = x.state
                    returning x.entry_id, x.arrival, x.arrived_at, x.state into existing;
                if existing.entry_id <> p_entries[i] then
                    o_entry := o_entry || existing.entry_id; o_arrival := o_arrival || existing.arrival; o_revision := o_revision || r.revision;
                    o_state := o_state || existing.state; o_ahead := o_ahead || null::bigint; o_outcome := o_outcome || 'again'::text;
                    continue;
                end if;
                -- First in line, settled at once and the window open: there may be a free turn (otherwise the ones ahead would have it).
                if existing.state = 'waiting' and r.settle_ms = 0 and p_now >= r.opens_at and not exists (select 1 from {{s}}.waiting_room_entries w
                      where w.tenant_id = p_tenant and w.procedure_code = p_procedure and w.revision = r.revision and w.state = 'waiting' and (w.arrived_at, w.arrival) < (existing.arrived_at, existing.arrival)) then
                    perform {{s}}.waiting_room_promote(p_tenant, p_procedure, p_now);
                    -- (it may be admitted now: its place as it stands is read by the caller)
                    o_entry := o_entry || existing.entry_id; o_arrival := o_arrival || existing.arrival; o_revision := o_revision || r.revision;
                    o_state := o_state || null::text; o_ahead := o_ahead || null::bigint; o_outcome := o_outcome || 'joined'::text;
                    continue;
                end if;
                -- Its position: the places waiting ahead, counted as far as the room's reach (PositionsCounted).
                if existing.state = 'waiting' then
                    select count(*) into places_ahead from (select 1 from {{s}}.waiting_room_entries w
                      where w.tenant_id = p_tenant and w.procedure_code = p_procedure and w.revision = r.revision and w.state = 'waiting'
                        and (w.arrived_at, w.arrival) < (existing.arrived_at, existing.arrival)
                      limit {{PositionsCounted}}) w;
                end if;
                o_entry := o_entry || existing.entry_id; o_arrival := o_arrival || existing.arrival; o_revision := o_revision || r.revision;
                o_state := o_state || existing.state; o_ahead := o_ahead || coalesce(places_ahead, 0); o_outcome := o_outcome || 'joined'::text;
            end loop;
            -- A new place a later item changed (refused by its client's next identity; let in by a step it caused) answers
            -- as it is now: refused as such, let in without a state (the caller reads it, rank and all).
            return query
                select o.i, o.entry_id, o.arrival, o.outcome, o.revision,
                       case when o.outcome <> 'joined' or o.state is null or x.state = o.state then o.state when x.state = 'refused' then 'refused' end,
                       o.ahead
                  from unnest(o_idx, o_entry, o_arrival, o_outcome, o_revision, o_state, o_ahead) as o(i, entry_id, arrival, outcome, revision, state, ahead)
                  left join {{s}}.waiting_room_entries x on o.outcome = 'joined' and o.state is not null and x.entry_id = o.entry_id
                 order by o.i;
        end $fn$;

        -- One arrival: a batch of one (the same locks in the same order as every batch; replicas of an older version call this).
        drop function if exists {{s}}.waiting_room_join(uuid, text, text, uuid, text, text, timestamptz, int, int);
        drop function if exists {{s}}.waiting_room_join(uuid, text, text, uuid, text, text, timestamptz, int, int, timestamptz);
        create or replace function {{s}}.waiting_room_join(p_entry uuid, p_tenant text, p_procedure text, p_citizen uuid, p_client text,
            p_device text, p_now timestamptz, p_max_client int, p_max_device int, p_arrived timestamptz, p_known boolean)
            returns table (entry_id uuid, arrival bigint, outcome text, revision int, state text, ahead bigint)
        language sql as $fn$
            select j.entry_id, j.arrival, j.outcome, j.revision, j.state, j.ahead
              from {{s}}.waiting_room_join_many(p_tenant, p_procedure, p_now, p_max_device, array[p_entry], array[p_citizen], array[p_client],
                   array[p_device], array[p_arrived], array[p_known], array[p_max_client]) j
        $fn$;
        """;
}
