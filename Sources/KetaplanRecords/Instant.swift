import KetaplanEngine

/// A moment, to the second, in UTC: what an export is stamped with (the iCalendar
/// DTSTAMP). It is read from the clock once, by `WallClock`, and handed to whatever
/// writes it, so the command line and the screen stamp an export the same way and a
/// test can fix it.
public struct Instant: Equatable, Hashable, Sendable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The UTC calendar day the instant falls on.
    public var utcDay: CalendarDay {
        CalendarDay(daysSinceEpoch: Int(secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400))
    }

    /// RFC 5545 UTC date-time (`20260107T160211Z`), as DTSTAMP wants it.
    public var iCalendar: String {
        let seconds = Int(secondsSince1970 - Int64(utcDay.daysSinceEpoch) * 86_400)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return utcDay.basicISO + "T" + pad(seconds / 3600) + pad(seconds / 60 % 60) + pad(seconds % 60) + "Z"
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}
