using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

public class AppointmentTextsTests
{
    private static readonly LocalizedText Census = new("Alta al Padró", "Alta en el Padrón", "Census registration");
    private static readonly LocalizedText Connecta = new("Oficina d'Atenció Ciutadana Connecta", "Oficina de Atención Ciudadana Connecta", "Connecta Citizen Service Office");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero); // 09:30 in Mataró

    [Fact]
    public void A_booking_names_the_office_in_each_language()
    {
        Assert.Equal(
            new LocalizedText(
                "Has demanat cita per a «Alta al Padró» el 02/03/2026 09:30 (Oficina d'Atenció Ciutadana Connecta, codi ABC-123).",
                "Has pedido cita para «Alta en el Padrón» el 02/03/2026 09:30 (Oficina de Atención Ciudadana Connecta, código ABC-123).",
                "You booked an appointment for “Census registration” on 02/03/2026 09:30 (Connecta Citizen Service Office, code ABC-123)."),
            AppointmentTexts.Booked(Census, At, Connecta, "ABC-123"));
    }

    [Fact]
    public void A_check_in_names_the_office_in_each_language()
    {
        Assert.Equal(
            new LocalizedText(
                "Has arribat a la cita per a «Alta al Padró» (Oficina d'Atenció Ciutadana Connecta).",
                "Has llegado a la cita para «Alta en el Padrón» (Oficina de Atención Ciudadana Connecta).",
                "You checked in for your appointment for “Census registration” (Connecta Citizen Service Office)."),
            AppointmentTexts.CheckedIn(Census, Connecta));
    }

    [Fact]
    public void A_cancellation_and_a_move_name_the_office()
    {
        var cancelled = AppointmentTexts.Cancelled(Census, At, Connecta, reason: null);
        var moved = AppointmentTexts.Rescheduled(Census, At, At.AddDays(1), Connecta);

        Assert.Equal("S'ha anul·lat la cita per a «Alta al Padró» del 02/03/2026 09:30 (Oficina d'Atenció Ciutadana Connecta)", cancelled.Ca);
        Assert.Equal("The appointment for “Census registration” moved from 02/03/2026 09:30 to 03/03/2026 09:30 (Connecta Citizen Service Office).", moved.En);
    }

    [Fact]
    public void An_appointment_moved_to_another_office_by_a_closure_names_that_office()
    {
        var text = AppointmentTexts.MovedByClosure(Census, new DateOnly(2026, 3, 2), At.AddDays(1), "Carrer Nou 1", Connecta, "obres");

        Assert.Equal("L'oficina tanca el 02/03/2026 (obres): la teva cita per a «Alta al Padró» passa al 03/03/2026 09:30, a una altra oficina: Oficina d'Atenció Ciutadana Connecta (Carrer Nou 1).", text.Ca);
    }
}
