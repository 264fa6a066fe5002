import KetaplanEngine
import KetaplanText
import KetaplanRecords

/// Planned sessions as an iCalendar file (RFC 5545) that calendar clients import.
///
/// One VEVENT per planned session. UIDs come from the clinic, patient and session ids, so
/// re-exporting gives the same UIDs and clients update events rather than duplicate them.
/// Lines end in CRLF and are folded at 75 octets; text is escaped. Events carry the
/// session's time and chair minutes when a time is set (the clinic's session time
/// otherwise), and are all-day events when neither is. Summaries name the patient only
/// as much as the clinic allows (initials by default).
///
/// Sessions on hold are not offered as appointments: each is written as a withdrawal of
/// the event a calendar may already hold from an earlier export (same UID,
/// `STATUS:CANCELLED`, a higher `SEQUENCE`), so importing the file takes it off the
/// calendar. The object is `METHOD:PUBLISH`, or `METHOD:CANCEL` when every event in it
/// is withdrawn (RFC 5545 3.7.2, 3.8.1.11, 3.8.7.4; RFC 5546 3.2.1 and 3.2.5).
/// `SEQUENCE` is the chart file's revision (every save raises it), doubled, plus one for
/// a withdrawal: it grows with every save that raises or lifts a hold, so a client
/// applies each export in turn. Without revisions it counts the chart's recorded entries
/// (scores, reviews, acknowledgements, screening answers, overrides) instead.
public enum ICalendarExport {
    /// Stamps the export with `now` (DTSTAMP: when the iCalendar object was made, RFC 5545
    /// 3.8.7.2), the one instant the caller read from `WallClock`.
    public static func ics(_ charts: [PatientChart], _ context: PrintContext, at now: Instant, revisions: [Int] = []) -> String {
        ics(charts, context, stamp: now.iCalendar, revisions: revisions)
    }

    /// - Parameter revisions: each chart's file revision, in the same order, when known.
    public static func ics(_ charts: [PatientChart], _ context: PrintContext, stamp: String, revisions: [Int] = []) -> String {
        let domain = StableID.slug(context.clinic.name).isEmpty ? "ketaplan" : StableID.slug(context.clinic.name)
        var events: [[String]] = []
        var withdrawn = 0
        for (index, chart) in charts.enumerated() {
            guard let plan = chart.plan else { continue }
            let held = HoldChecker(context: context.scheduling).heldSessions(in: chart)
            let entries = revisions.indices.contains(index) ? revisions[index] : chart.assessments.count + chart.reviews.count + chart.patient.screening.acknowledged.count
                + chart.patient.screening.history.count + plan.overrides.count
            for s in plan.sessions where s.status == .planned && plan.status == .active {
                let number = plan.number(of: s.id) ?? 0
                let isHeld = held[s.id] != nil
                if isHeld { withdrawn += 1 }
                let sequence = 2 * entries + (isHeld ? 1 : 0)
                var event = ["BEGIN:VEVENT",
                             "UID:ketaplan-\(chart.patient.id)-\(s.id.rawValue)@\(domain)",
                             "DTSTAMP:\(stamp)"]
                if sequence > 0 { event.append("SEQUENCE:\(sequence)") }
                let date = s.date.basicISO
                if let time = s.time ?? context.clinic.sessionTime {
                    let start = time.minutesSinceMidnight
                    let end = start + max(15, s.chairMinutes)
                    let endDay = s.date.adding(days: end / 1440)
                    event.append("DTSTART:\(date)T\(pad(start / 60))\(pad(start % 60))00")
                    event.append("DTEND:\(endDay.basicISO)T\(pad((end % 1440) / 60))\(pad(end % 60))00")
                } else {
                    event.append("DTSTART;VALUE=DATE:\(date)")
                    event.append("DTEND;VALUE=DATE:\(s.date.adding(days: 1).basicISO)")
                }
                let who = name(chart.patient, context.clinic.calendarNames)
                event.append("SUMMARY:" + escape("\(isHeld ? "Withdrawn (on hold): " : "")\(plan.protocolCopy.route.name) session \(number)\(who.isEmpty ? "" : " (\(who))")"))
                event.append("DESCRIPTION:" + escape("\(s.phase.title) session \(number), \(s.chairMinutes) minutes in the chair. Why this date: \(s.reason)"))
                event.append("LOCATION:" + escape(context.clinic.name))
                event.append(isHeld ? "STATUS:CANCELLED" : "STATUS:CONFIRMED")
                event.append(isHeld ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE")
                event.append("END:VEVENT")
                events.append(event)
            }
        }
        let method = !events.isEmpty && withdrawn == events.count ? "CANCEL" : "PUBLISH"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ketaplan//treatment plans//EN", "CALSCALE:GREGORIAN", "METHOD:\(method)",
                     "X-WR-CALNAME:" + escape(context.clinic.name + " sessions")]
        lines += events.joined()
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The patient's name as the clinic's privacy setting allows.
    static func name(_ p: Patient, _ setting: ClinicFile.CalendarNames) -> String {
        switch setting {
        case .none: return ""
        case .full: return p.name
        case .initials:
            return p.name.split(separator: " ").compactMap { $0.first.map { String($0) + "." } }.joined()
        }
    }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
    static func escape(_ text: String) -> String {
        var out = ""
        // Control characters other than line breaks are shown inert, as on every output path.
        for c in ControlCharacters.visible(text, keeping: ["\n"]) {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Folds a content line into pieces of at most 75 octets, never splitting a UTF-8
    /// character; continuation lines start with a space (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

