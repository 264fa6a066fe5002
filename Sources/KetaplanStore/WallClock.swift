import Foundation
import KetaplanEngine

/// The one place outside the engine that reads the machine's clock into ketaplan's
/// terms: "today" (the calendar day on this machine's time zone, which the command line
/// and the screen plan against unless `--today` fixes it) and the instant an export is
/// stamped with. The engine never reads a clock; everything else asks here.
public enum WallClock {
    /// The calendar day `date` falls on in this machine's time zone.
    public static func day(of date: Date = Date()) -> CalendarDay {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: date)
        return (try? CalendarDay(year: c.year!, month: c.month!, day: c.day!)) ?? CalendarDay(daysSinceEpoch: 0)
    }

    /// `date` to the second.
    public static func instant(_ date: Date = Date()) -> Instant {
        Instant(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
