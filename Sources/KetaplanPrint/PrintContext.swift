import KetaplanEngine
import KetaplanStore

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
    var scheduling: SchedulingContext {
        SchedulingContext(today: today, calendar: clinic.calendar, settings: clinic.settings)
    }
}
