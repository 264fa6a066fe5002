import Foundation
import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// The plan summary for the chart: everything about the course on numbered pages, as
/// plain text for `lp` or as Markdown.
public enum PlanSummary {
    /// Plain text for printing, or Markdown for pasting.
    public enum Format: String, Sendable, CaseIterable { case text, markdown }

    /// The summary; control characters from names and notes are shown inert (`^[`), so a
    /// printout or a terminal showing it cannot be driven by the chart's text.
    public static func render(_ chart: PatientChart, _ context: PrintContext, format: Format) -> String {
        ControlCharacters.visible(format == .text ? text(chart, context) : markdown(chart, context), keeping: layoutCharacters)
    }

    /// What printed text may hold: line feeds, tabs and the form feed between pages.
    static let layoutCharacters: Set<Unicode.Scalar> = ["\n", "\t", "\u{0C}"]

    // MARK: Content shared by both formats

    struct Section {
        var title: String
        var lines: [String]
        /// Table rows with the header, for Markdown; nil for prose.
        var table: (header: [String], rows: [[String]])?
    }

    static func sections(_ chart: PatientChart, _ context: PrintContext) -> [Section] {
        let p = chart.patient
        let settings = context.clinic.settings
        var out: [Section] = []

        var details = [
            "Name:           \(p.name)",
            "Patient id:     \(p.id)",
            "Date of birth:  \(p.dateOfBirth) (age \(p.age(on: context.today)))",
            "Sex:            \(p.sex?.rawValue ?? "not recorded")",
            "Weight:         \(formatNumber(p.weight.kilograms)) kg, measured \(p.weight.measuredOn)",
            "Height:         \(p.heightCm.map { formatNumber($0) + " cm" } ?? "not recorded")",
            "Conditions:     \(p.conditions.isEmpty ? "none recorded" : p.conditions.map(\.name).joined(separator: "; "))",
        ]
        if let ms = p.moodStabiliser { details.append("Mood stabiliser: \(ms)") }
        out.append(Section(title: "Patient", lines: details))

        // Holds first: what stops dosing now, and what lifts it.
        let holdChecker = HoldChecker(context: context.scheduling)
        let holds = holdChecker.holds(for: chart)
        if !holds.isEmpty {
            out.append(Section(title: "On hold", lines: holds.flatMap { h in
                ["ON HOLD (\(h.code.title)) since \(h.since): \(h.message).", "  To lift: \(h.howToLift)"]
            }))
        }

        let s = p.screening
        var screening: [String] = []
        if s.isComplete {
            screening.append("Screening complete\(s.completedOn.map { " on \($0)" } ?? "").")
        } else {
            screening.append("Screening INCOMPLETE: \(s.unanswered.count) of \(ScreeningItem.allCases.count) items unanswered (\(s.unanswered.map(\.question).joined(separator: "; "))).")
        }
        let present = s.present
        screening.append(present.isEmpty ? "No contraindication or caution recorded as present." : "Present: " + present.map(\.question).joined(separator: "; ") + ".")
        for a in s.acknowledged { screening.append("Acknowledged by \(a.by) on \(a.on): \(a.item.question)\(a.note.isEmpty ? "" : " (\(a.note))").") }
        out.append(Section(title: "Screening", lines: screening))

        guard let plan = chart.plan else {
            out.append(Section(title: "Plan", lines: ["No plan has been made."]))
            return out
        }
        let proto = plan.protocolCopy
        var course = ["Protocol:       \(proto.name) [\(proto.id)], \(proto.route.name)",
                      "Started:        \(plan.startDate); plan \(plan.status)"]
        for phase in proto.phases {
            let length: String
            switch phase.length {
            case .sessions(let n): length = "\(n) sessions, up to \(phase.sessionsPerWeek) a week"
            case .weeks(let w): length = "\(w) weeks, \(phase.sessionsPerWeek) a week"
            case .openEnded: length = "spacing set by the maintenance policy"
            }
            course.append("\(phase.kind.title + ":")".padded(toWidth: 16) + "\(length); dose \(phase.dose.summary); \(phase.administrationMinutes) min + \(phase.monitoringMinutes) min monitoring")
        }
        course.append("Maintenance:    \(plan.maintenancePolicy?.description ?? "none: the course ends for clinician review")")
        if let current = plan.currentDose(asOf: context.today) { course.append("Current dose:   \(current.description)") }
        for change in plan.comingDoseChanges(asOf: context.today) {
            course.append("Dose change:    \(formatNumber(change.mg)) mg from session \(change.sessionNumber) (\(change.from))")
        }
        for (i, step) in plan.doseSteps.enumerated() {
            let replaced = plan.stepReplacing(stepAt: i).map { "; replaced by \($0.amount) set on \($0.setOn)" } ?? ""
            course.append("Titration:      \(step.amount) from session \(plan.number(of: step.fromSession).map(String.init) ?? step.fromSession.description) (\(step.fromDate)), set on \(step.setOn) by \(step.by)\(step.note.isEmpty ? "" : ": \(step.note)")\(replaced)")
        }
        out.append(Section(title: "Protocol and maintenance", lines: course))

        // Every decision that let dosing go ahead: overrides and the reviews that lift holds.
        var decisions: [String] = []
        for o in plan.overrides {
            let session = o.session.flatMap { plan.number(of: $0) }.map { ", session \($0)" } ?? ""
            decisions.append("Override (\(o.code.title)\(session)) by \(o.by) on \(o.on): \(o.reason.isEmpty ? "no reason given" : o.reason)")
        }
        for r in chart.reviews.sorted(by: { ($0.on, $0.entry ?? 0) < ($1.on, $1.entry ?? 0) }) {
            decisions.append("Review (\(r.kind.name)) by \(r.by) on \(r.on): \(r.kind.meaning)\(r.note.isEmpty ? "" : "; \(r.note)")")
        }
        if !decisions.isEmpty { out.append(Section(title: "Overrides and reviews", lines: decisions)) }

        let header = ["#", "Date", "Day", "Phase", "Planned", "Given", "Status", "BP pre/40/disch", "Min"]
        var rows: [[String]] = []
        let held = holdChecker.heldSessions(in: chart)
        for (i, x) in plan.sessions.enumerated() {
            let r = x.record
            let bp = [r?.bpBefore, r?.bpAt40Minutes, r?.bpAtDischarge].map { $0?.description ?? "-" }.joined(separator: " ")
            rows.append([String(i + 1), x.date.iso, x.date.weekday.abbreviation, x.phase.rawValue,
                         x.plannedDoseMg.map { formatNumber($0) } ?? "-", r?.doseGivenMg.map { formatNumber($0) } ?? "-",
                         held[x.id] != nil ? "ON HOLD" : x.status.rawValue, x.status == .given ? bp : "", r?.minutesMonitored.map(String.init) ?? ""])
        }
        out.append(Section(title: "Sessions (doses in mg)", lines: [], table: (header, rows)))

        var scores: [String] = []
        let firstGiven = plan.sessions.first { $0.status == .given }?.date
        for instrument in Instrument.allCases {
            let list = chart.assessments.filter { $0.instrument == instrument }
            guard !list.isEmpty else { continue }
            var head = "\(instrument.name) (\(instrument.range.lowerBound)-\(instrument.range.upperBound))"
            if let r = instrument.remissionMaximum(settings: settings) { head += ", remission at or below \(r)" }
            scores.append(head + ":")
            for a in list {
                var mark = instrument.band(for: a.score, settings: settings)
                if let st = ResponseStatus.of(instrument, in: chart.assessments, asOf: a.date, baselineBefore: firstGiven, settings: settings), st.latest == a {
                    if st.inRemission { mark += "; REMISSION" } else if st.responding { mark += "; RESPONSE" }
                }
                let bar = instrument.tracksResponse ? String(repeating: "#", count: Int((Double(a.score) / Double(instrument.range.upperBound) * 30).rounded())) : ""
                scores.append("  \(a.date)  \(String(a.score).leftPadded(toWidth: 3))  \(bar.padded(toWidth: 30))  \(mark)")
            }
        }
        out.append(Section(title: "Scores (# = share of the scale's maximum)", lines: scores.isEmpty ? ["No scores recorded."] : scores))

        let warnings = SafetyChecker(context: context.scheduling).warnings(for: chart).filter { $0.severity != .info }
        out.append(Section(title: "Open warnings", lines: warnings.isEmpty ? ["None."] : warnings.map { "[\($0.severity)] \($0.message)" }))

        // Held sessions are not due: they are counted, not listed as next sessions.
        let upcoming = plan.sessions.filter { $0.status == .planned && $0.date >= context.today }
        let next = upcoming.filter { held[$0.id] == nil }.prefix(6)
        let heldCount = upcoming.filter { held[$0.id] != nil }.count
        var nextLines = next.isEmpty ? ["None planned."] : next.map {
            "\($0.date.weekday.abbreviation) \($0.date)\($0.time.map { " at \($0)" } ?? "")  \($0.phase.rawValue), \($0.plannedDoseMg.map { formatNumber($0) + " mg" } ?? "dose to be set")"
        }
        if heldCount > 0 { nextLines.append("\(heldCount) planned session\(heldCount == 1 ? "" : "s") ON HOLD, not due until the hold is lifted (see Holds).") }
        out.append(Section(title: "Next sessions due", lines: nextLines))
        return out
    }

    // MARK: Plain text

    static func text(_ chart: PatientChart, _ context: PrintContext) -> String {
        let p = chart.patient
        let layout = PagedText(
            headerLeft: "\(context.clinic.name): plan summary", headerRight: "",
            headerSecond: "\(p.name)  (\(p.id))  born \(p.dateOfBirth)",
            footer: "Printed on \(context.today) by \(context.printedBy). Planned by ketaplan; a clinician decides.")
        var blocks: [[String]] = []
        for section in sections(chart, context) {
            var block = ["", section.title.uppercased(), String(repeating: "-", count: section.title.count)]
            if let table = section.table {
                let widths = [3, 10, 3, 12, 7, 5, 9, 20, 3]
                let right: Set<Int> = [0, 4, 5, 8]
                func line(_ cells: [String]) -> String {
                    cells.enumerated().map { i, c in right.contains(i) ? c.leftPadded(toWidth: widths[i]) : c.padded(toWidth: widths[i]) }.joined(separator: " ")
                }
                block.append(line(table.header))
                blocks.append(block)
                for row in table.rows { blocks.append([line(row)]) }
                continue
            }
            block += section.lines
            blocks.append(block)
        }
        blocks.append(["", "", "Clinician: ______________________________   Signature: ____________________", "",
                       "Date: ____________"])
        return layout.render(blocks)
    }

    // MARK: Markdown

    static func markdown(_ chart: PatientChart, _ context: PrintContext) -> String {
        let p = chart.patient
        var out = "# Plan summary: \(p.name) (\(p.id))\n\n\(context.clinic.name). Born \(p.dateOfBirth). Printed on \(context.today) by \(context.printedBy).\n"
        for section in sections(chart, context) {
            out += "\n## \(section.title)\n\n"
            if let table = section.table {
                out += "| " + table.header.joined(separator: " | ") + " |\n"
                out += "|" + table.header.map { _ in "---|" }.joined() + "\n"
                for row in table.rows { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            } else {
                for line in section.lines { out += "- " + line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "  ", with: " ") + "\n" }
            }
        }
        out += "\nClinician: ______________________  Signature: ______________________  Date: __________\n"
        return out
    }
}

