/// A day on the clinic's calendar, with no time of day and no time zone.
///
/// Plan dates are calendar days so that a plan never drifts when it is read in another
/// time zone or across a daylight-saving change. Internally the day is a count of days
/// since 1970-01-01 in the proleptic Gregorian calendar, which makes day arithmetic exact.
/// On disk and on the command line it is the ISO 8601 form `YYYY-MM-DD`.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// Creates a day from its count of days since 1970-01-01.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The years a ketaplan file may hold (1900-01-01 to 2199-12-31). Every day that is
    /// read or entered must lie in them, and a save whose re-planned dates run past them is
    /// refused, so a file is never written that ketaplan cannot read back.
    public static let supportedYears: ClosedRange<Int> = 1900...2199
    /// The first and last day of `supportedYears`.
    public static let earliest = CalendarDay(daysSinceEpoch: daysFromCivil(year: 1900, month: 1, day: 1))
    public static let latest = CalendarDay(daysSinceEpoch: daysFromCivil(year: 2199, month: 12, day: 31))

    /// Creates a day from a year, month and day of month.
    /// - Throws: `CalendarDayError.impossibleDate` for a date such as 2026-02-30, and
    ///   `.outOfRange` for a real day outside `supportedYears`.
    public init(year: Int, month: Int, day: Int) throws(CalendarDayError) {
        // The text is built only for a refusal: index files parse millions of days.
        func text() -> String { String(format4(year)) + "-" + pad2(month) + "-" + pad2(day) }
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
        else {
            throw .impossibleDate(text())
        }
        guard CalendarDay.supportedYears.contains(year) else { throw .outOfRange(text()) }
        self.daysSinceEpoch = CalendarDay.daysFromCivil(year: year, month: month, day: day)
    }

    /// Whether the day lies in `supportedYears` (days made by arithmetic may not).
    public var isSupported: Bool { self >= CalendarDay.earliest && self <= CalendarDay.latest }

    /// Parses `YYYY-MM-DD`.
    /// - Throws: `CalendarDayError.malformed` when the text is not of that form, and
    ///   `CalendarDayError.impossibleDate` when it names a day that does not exist.
    public init(iso text: String) throws(CalendarDayError) {
        // Every file and index line holds dozens of days: the usual form is read straight
        // from its bytes. It is exactly the text the general reading below accepts as
        // well-formed (four, two and two ASCII digits between dashes), with the same checks
        // and messages after it.
        var bytes = text.utf8.makeIterator()
        var fields = (0, 0, 0)
        var wellFormed = text.utf8.count == 10
        if wellFormed {
            for i in 0..<10 {
                let b = bytes.next()!
                if i == 4 || i == 7 {
                    if b != 0x2D { wellFormed = false; break }
                    continue
                }
                guard b >= 0x30, b <= 0x39 else { wellFormed = false; break }
                let digit = Int(b - 0x30)
                if i < 4 { fields.0 = fields.0 * 10 + digit } else if i < 7 { fields.1 = fields.1 * 10 + digit } else { fields.2 = fields.2 * 10 + digit }
            }
        }
        if wellFormed {
            do {
                try self.init(year: fields.0, month: fields.1, day: fields.2)
            } catch .outOfRange(_) {
                throw .outOfRange(text)
            } catch {
                throw .impossibleDate(text)
            }
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .malformed(text) }
        do {
            try self.init(year: year, month: month, day: day)
        } catch .outOfRange(_) {
            throw .outOfRange(text)
        } catch {
            throw .impossibleDate(text)
        }
    }

    /// The year, month (1-12) and day of month (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        CalendarDay.civilFromDays(daysSinceEpoch)
    }

    /// The ISO 8601 form, `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        // Written digit by digit: every session's reason and every file names days, and
        // joining four small strings cost more than the rest of the formatting.
        guard (0...9999).contains(y) else { return format4(y) + "-" + pad2(m) + "-" + pad2(d) }
        return String(unsafeUninitializedCapacity: 10) { out in
            func digit(_ n: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + n) }
            out[0] = digit(y / 1000); out[1] = digit(y / 100 % 10); out[2] = digit(y / 10 % 10); out[3] = digit(y % 10)
            out[4] = 0x2D
            out[5] = digit(m / 10); out[6] = digit(m % 10)
            out[7] = 0x2D
            out[8] = digit(d / 10); out[9] = digit(d % 10)
            return 10
        }
    }

    public var description: String { iso }

    /// The ISO 8601 basic form, `YYYYMMDD` (iCalendar dates).
    public var basicISO: String {
        let (y, m, d) = components
        return format4(y) + pad2(m) + pad2(d)
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday; Weekday's raw values run Monday = 0 ... Sunday = 6.
        let index = ((daysSinceEpoch % 7) + 7 + 3) % 7
        return Weekday.allCases[index]
    }

    /// The day `n` days later (earlier when `n` is negative).
    public func adding(days n: Int) -> CalendarDay {
        CalendarDay(daysSinceEpoch: daysSinceEpoch + n)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDay) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The Monday that starts this day's calendar week (ISO 8601 weeks run Monday to Sunday).
    public var startOfWeek: CalendarDay {
        adding(days: -weekday.rawValue)
    }

    /// Completed years of age on this day for someone born on `birth`.
    public func age(bornOn birth: CalendarDay) -> Int {
        let (by, bm, bd) = birth.components
        let (y, m, d) = components
        var years = y - by
        if m < bm || (m == bm && d < bd) { years -= 1 }
        return years
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
    // Gregorian calendar, with no dependence on Foundation's time zones.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// Why a text could not be read as a calendar day.
public enum CalendarDayError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not of the form YYYY-MM-DD.
    case malformed(String)
    /// Of the right form but no such day, such as 2026-02-30.
    case impossibleDate(String)
    /// A real day outside the years ketaplan keeps (`CalendarDay.supportedYears`).
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(text)' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-09"
        case .impossibleDate(let text):
            return "'\(text)' is not a real calendar day (check the month's length and leap years)"
        case .outOfRange(let text):
            return "'\(text)' is outside the dates ketaplan keeps: use a day from \(CalendarDay.earliest.iso) to \(CalendarDay.latest.iso)"
        }
    }
}

extension CalendarDay: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
func format4(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
