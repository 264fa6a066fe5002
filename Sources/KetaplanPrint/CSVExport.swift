import KetaplanEngine
import KetaplanText

/// One row per session, for spreadsheets (RFC 4180: a header row, CRLF line ends, fields
/// with commas, quotes or line breaks quoted, quotes doubled).
public enum CSVExport {
    public static let header = ["patient_id", "session_number", "date", "weekday", "time", "phase", "status", "planned_dose_mg",
                                "dose_given_mg", "bp_before", "bp_40min", "bp_discharge", "minutes_monitored", "reason", "hold"]

    /// - Parameter context: when given, `hold` names the holds on each held session
    ///   (codes separated by ";"), judged on the context's day, and `time` is the clinic's
    ///   session time for sessions that follow it (no time of their own), as on the
    ///   handout and in the calendar.
    public static func csv(_ charts: [PatientChart], context: PrintContext? = nil) -> String {
        var rows = [header]
        for chart in charts {
            guard let plan = chart.plan else { continue }
            let held = context.map { HoldChecker(context: $0.scheduling).heldSessions(in: chart) } ?? [:]
            for (i, s) in plan.sessions.enumerated() {
                let r = s.record
                rows.append([chart.patient.id.rawValue, String(i + 1), s.date.iso, s.date.weekday.shortName, (s.time ?? context?.clinic.sessionTime)?.description ?? "",
                             s.phase.rawValue, s.status.rawValue, s.plannedDoseMg.map(formatNumber) ?? "", r?.doseGivenMg.map(formatNumber) ?? "",
                             r?.bpBefore?.description ?? "", r?.bpAt40Minutes?.description ?? "", r?.bpAtDischarge?.description ?? "",
                             r?.minutesMonitored.map(String.init) ?? "", s.reason,
                             held[s.id]?.map(\.code.rawValue).joined(separator: ";") ?? ""])
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One field, quoted when needed (RFC 4180); control characters other than line breaks
    /// are shown inert (`^[`), as on every output path.
    static func field(_ raw: String) -> String {
        let text = ControlCharacters.visible(raw, keeping: ["\n"])
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = "\""
        for c in text { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }
}
