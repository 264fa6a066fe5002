import Foundation
import KetaplanEngine
import KetaplanRecords

/// Who prints, when, and for which clinic: what goes in headers and footers.
public struct PrintContext: Sendable {
    public var clinic: ClinicFile
    public var today: CalendarDay
    public var printedBy: String

    public init(clinic: ClinicFile, today: CalendarDay, printedBy: String) {
        self.clinic = clinic
        self.today = today
        self.printedBy = printedBy
    }

    /// The scheduling context warnings are judged in.
    /// The clinic's time zone (`clinic set --time-zone`), else this machine's.
    public var timeZone: TimeZone { clinic.timeZone.flatMap { TimeZone(identifier: $0) } ?? .current }

    /// An ISO 8601 dateTime for a local time on `day`, with the UTC offset the clinic's
    /// time zone has then (FHIR requires an offset on every dateTime with a time), e.g.
    /// `2026-03-09T09:00:00+00:00`, or `+01:00` once summer time has begun.
    public func dateTime(_ day: CalendarDay, minutes: Int) -> String {
        let (y, m, d) = day.components
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: minutes / 60, minute: minutes % 60)) ?? Date(timeIntervalSince1970: 0)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        return day.iso + "T" + ICalendarExport.pad(minutes / 60) + ":" + ICalendarExport.pad(minutes % 60) + ":00"
            + sign + ICalendarExport.pad(abs(offset) / 60) + ":" + ICalendarExport.pad(abs(offset) % 60)
    }

    var scheduling: SchedulingContext {
        SchedulingContext(today: today, calendar: clinic.calendar, settings: clinic.settings)
    }
}

