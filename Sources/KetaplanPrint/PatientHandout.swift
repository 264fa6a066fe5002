import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// The handout a patient takes home: upcoming dates and what to do, in plain words, on
/// pages of 64 columns printed in larger type (`PageSetup.handout`).
public enum PatientHandout {
    /// Upcoming sessions listed; more would not fit on one page with the advice.
    public static let sessionsListed = 16

    /// The handout's text; control characters from names and notes are shown inert.
    public static func text(_ chart: PatientChart, _ context: PrintContext) -> String {
        ControlCharacters.visible(compose(chart, context), keeping: PlanSummary.layoutCharacters)
    }

    static func compose(_ chart: PatientChart, _ context: PrintContext) -> String {
        let p = chart.patient
        let clinic = context.clinic
        let esketamine = chart.plan?.protocolCopy.route.isEsketamine ?? false
        // Sessions on hold are not appointments: the handout lists none of them.
        let held = HoldChecker(context: context.scheduling).heldSessions(in: chart)
        let future = (chart.plan?.sessions ?? []).filter { $0.status == .planned && $0.date >= context.today }
        let upcoming = future.filter { held[$0.id] == nil }
        var lines: [String] = []
        lines.append("Your treatment dates")
        lines.append("")
        if upcoming.isEmpty && future.count > upcoming.count {
            lines.append("Your next sessions are on hold for now. The clinic will call you to arrange them. Please do not come in until the clinic has called you.")
        } else if upcoming.isEmpty {
            lines.append("No sessions are booked at the moment. The clinic will contact you.")
        } else {
            if future.count > upcoming.count {
                lines.append("Some sessions are on hold for now; the clinic will call you about them.")
                lines.append("")
            }
            for s in upcoming.prefix(sessionsListed) {
                let time = (s.time ?? clinic.sessionTime).map { "at \($0)" } ?? "(the clinic will tell you the time)"
                lines.append("  [ ] \(s.date.weekday.name) \(longDate(s.date)) \(time)")
            }
            if upcoming.count > sessionsListed {
                lines.append("  ... and \(upcoming.count - sessionsListed) more; the clinic will give you the later dates.")
            }
        }
        if !upcoming.isEmpty, let current = chart.plan?.currentDose(asOf: context.today) {
            lines.append("")
            // A change already planned is said too, so the patient is not surprised by it.
            let coming = (chart.plan?.comingDoseChanges(asOf: context.today) ?? []).filter { change in upcoming.contains { $0.date == change.from } }
                .map { "\(formatNumber($0.mg)) mg from \(longDate($0.from))" }
            lines.append("Your dose: \(formatNumber(current.mg)) mg, since \(longDate(current.since))" + (coming.isEmpty ? "." : "; then " + coming.joined(separator: ", then ") + "."))
        }
        lines.append("")
        lines.append("Before each session")
        lines.append("  - \(clinic.settings.fastingInstructions)")
        lines.append("  - Bring someone who can take you home. You must not travel home alone.")
        if esketamine {
            lines.append("  - The medicine is a nasal spray. Blow your nose before you arrive.")
            lines.append("  - If you use a steroid or decongestant nose spray, use it at least one hour before your session, not after.")
            lines.append("  - You will stay at the clinic for at least two hours after the spray.")
        } else {
            lines.append("  - Your blood pressure will be checked before and after the treatment.")
        }
        lines.append("")
        lines.append("After each session")
        if esketamine {
            lines.append("  - Do not drive or use machines until the next day, after a night's sleep.")
        } else {
            lines.append("  - Do not drive or use machines for 24 hours, or until after a night's sleep.")
        }
        lines.append("  - You may feel dizzy, sleepy or \"not quite yourself\" for a few hours. This usually passes the same day.")
        lines.append("")
        lines.append("Who to call")
        lines.append("  \(clinic.name)\(clinic.contactPhone.map { ", telephone \($0)" } ?? ": ask the clinic for its number")")
        lines.append("  If you feel unsafe or have thoughts of harming yourself, call the clinic or your local emergency number straight away.")
        let layout = PagedText(headerLeft: clinic.name, headerRight: "", headerSecond: "For \(p.name)",
                               footer: "Printed on \(context.today). Keep this sheet and bring it with you.",
                               shape: PagedText.handoutShape)
        return layout.render([lines])
    }

    static func longDate(_ day: CalendarDay) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let (y, m, d) = day.components
        return "\(d) \(months[m - 1]) \(y)"
    }
}
