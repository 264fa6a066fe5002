import Foundation
import KetaplanEngine

/// The summary index: `index.tsv` (every patient's summary, rewritten now and then) and
/// `index-journal.tsv` (one line appended per save since). It is a cache: each entry
/// records the size and modification time of the patient file it summarises, and an entry
/// that no longer matches its file is rebuilt from the file, so the index can never show a
/// chart that is not on disk. Deleting both files only costs one slow load.
///
/// Lines are tab-separated text rather than JSON: a 10,000-patient clinic's index is read
/// and split in a few milliseconds with little memory, where a JSON decoder needed ten
/// times both (docs/performance.md).
struct SummaryIndex {
    struct Entry: Equatable {
        var size: Int64
        var mtime: Int64
        var summary: PatientSummary
        /// The identity of the clinic settings the summary was judged under
        /// (`settingsIdentity`): a line judged under other settings is rebuilt, as one
        /// judged for another day is. 0 (unknown) never matches a clinic's.
        var settings: UInt64 = 0
        /// Whether the chart judged for the day after `summary.asOf` gives the same summary:
        /// at midnight a `.same` line is carried to the new day without reading its file.
        var nextDay: PatientSummary.NextDay = .unknown
    }

    /// A stable identity (FNV-1a over their sorted JSON) of what a summary is judged
    /// against besides the chart and the day: the clinic's settings and calendar. Not
    /// `Hasher`, which is seeded per process; not clinic.json's time, which changes for
    /// a name or a phone number and not for a file copied back.
    static func settingsIdentity(_ clinic: ClinicFile) -> UInt64 {
        struct Judged: Encodable { var settings: ClinicSettings; var calendar: ClinicCalendar }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Judged(settings: clinic.settings, calendar: clinic.calendar)) else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash == 0 ? 1 : hash
    }

    let folder: DataFolder

    var mainFile: String { folder.path + "/index.tsv" }
    var journalFile: String { folder.path + "/index-journal.tsv" }

    /// The first line: format, then the `ClinicCounts` (see `headLine`). Lines follow in the
    /// overview's default order (`PatientSummary.nextSessionOrder`, for the head's day), so
    /// the first screen reads only the file's start.
    static let header = "ketaplan-index\t9"
    /// Version 5 held the same lines in id order, with no head; version 6 the lines without
    /// the missed, deferred and cancelled days; version 8 the lines without the next day's
    /// judgement. Their lines no longer parse, so each of their patients is rebuilt from its
    /// file (the index is a cache).
    static let headerV5 = "ketaplan-index\t5"

    /// Journal lines after which the loader folds the journal into `index.tsv`.
    static let compactAfter = 256

    /// The size and modification time (ns) of a file, or nil when it is not a regular file
    /// or not one this user may read (its entry is then never reused: the file is read,
    /// and the refusal reported, rather than a colleague's unreadable chart shown as well).
    static func stamp(_ path: String) -> (Int64, Int64)? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, AccessCheck.mayRead(st) else { return nil }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// Appends one entry after a save (the caller holds the folder lock).
    func append(_ entry: Entry, faults: FaultInjection = .none) {
        try? AtomicFile.appendLine(Data(Self.line(entry).utf8), to: journalFile, durability: .unsynced, faults: faults, step: .indexAppend)
    }

    /// Every entry: `index.tsv` overlaid with the journal, the last line for an id winning.
    /// A damaged line is skipped (its patient is rebuilt from the file).
    func read() -> (entries: [PatientID: Entry], journalLines: Int) {
        var entries: [PatientID: Entry] = [:]
        // Lines are split and parsed over the file's raw bytes: through `Data` slices the
        // same work cost several times as much (a reference count and an access check per
        // byte read), seconds at 100,000 patients.
        if let data = try? AtomicFile.read(mainFile) {
            data.withUnsafeBytes { raw in
                var lines = raw.split(separator: 0x0A)
                guard let first = lines.first, Self.head(Data(first)) != nil || String(decoding: first, as: UTF8.self) == Self.headerV5 else { return }
                lines.removeFirst()
                entries.reserveCapacity(lines.count)
                for line in lines { if let e = Self.parse(line) { entries[e.summary.id] = e } }
            }
        }
        var count = 0
        if let data = try? AtomicFile.read(journalFile) {
            data.withUnsafeBytes { raw in
                for line in raw.split(separator: 0x0A) {
                    count += 1
                    if let e = Self.parse(line) { entries[e.summary.id] = e }
                }
            }
        }
        return (entries, count)
    }

    /// The journal's entries alone (the last line for an id winning).
    func readJournal() -> [PatientID: Entry] {
        var entries: [PatientID: Entry] = [:]
        guard let data = try? AtomicFile.read(journalFile) else { return entries }
        for line in data.split(separator: 0x0A) { if let e = Self.parse(line) { entries[e.summary.id] = e } }
        return entries
    }

    /// The journal's entries from byte `offset` on, up to its last whole line (a line being
    /// appended right now waits for the next read), the last line for an id winning; and
    /// how many bytes that took.
    func readJournal(from offset: Int64) -> (entries: [Entry], consumed: Int64) {
        let fd = open(journalFile, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return ([], 0) }
        defer { close(fd) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var at = off_t(offset)
        while true {
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, at) }
            guard got > 0 else { break }
            data.append(contentsOf: chunk[0..<got])
            at += off_t(got)
        }
        guard let end = data.lastIndex(of: 0x0A) else { return ([], 0) }
        var order: [PatientID] = []
        var latest: [PatientID: Entry] = [:]
        for line in data[data.startIndex..<end].split(separator: 0x0A) {
            guard let e = Self.parse(line) else { continue }
            if latest.updateValue(e, forKey: e.summary.id) == nil { order.append(e.summary.id) }
        }
        return (order.compactMap { latest[$0] }, Int64(end - data.startIndex + 1))
    }

    /// Rewrites `index.tsv` with `entries` and empties the journal (caller holds the lock).
    /// `entries` may be lazy: each is read twice (its counts and order, then its line),
    /// and never held all at once beside the file's text.
    func compact<Entries: RandomAccessCollection<Entry>>(_ entries: Entries) where Entries.Index == Int {
        let counts = ClinicCounts(entries.lazy.map(\.summary))
        // Sorted by position and written out a megabyte at a time: at 100,000 patients a
        // sorted copy of the entries and the whole text in memory each cost tens of
        // megabytes at the screen's peak.
        var keys: [(Int, Int, Int, PatientID)] = []
        keys.reserveCapacity(entries.count)
        for e in entries { keys.append(e.summary.nextSessionOrder(on: counts.day)) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        do {
            try AtomicFile.write(to: mainFile, durability: .unsynced) { emit in
                var text = Array((Self.headLine(counts) + "\n").utf8)
                text.reserveCapacity(1 << 20 + 4096)
                for i in order {
                    Self.appendLine(entries[entries.startIndex + i], to: &text)
                    text.append(0x0A)
                    if text.count >= 1 << 20 {
                        guard emit(Data(text)) else { return }
                        text.removeAll(keepingCapacity: true)
                    }
                }
                _ = emit(Data(text))
            }
            try AtomicFile.write(Data(), to: journalFile, durability: .unsynced)
        } catch {
            // The index is a cache; a failed rewrite only means the next load rebuilds more.
        }
    }

    static func headLine(_ h: ClinicCounts) -> String {
        [header, String(h.patients), h.day.iso, String(h.overdue), String(h.dueWithinWeek), String(h.critical)].joined(separator: "\t")
    }

    static func head(_ line: Data.SubSequence) -> ClinicCounts? {
        let f = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard f.count == 7, String(decoding: f[0], as: UTF8.self) + "\t" + String(decoding: f[1], as: UTF8.self) == header else { return nil }
        func int(_ i: Int) -> Int? { Int(String(decoding: f[i], as: UTF8.self)) }
        guard let n = int(2), let day = day(f[3]), let o = int(4), let w = int(5), let c = int(6) else { return nil }
        return ClinicCounts(patients: n, day: day, overdue: o, dueWithinWeek: w, critical: c)
    }

    /// The head and the first `count` entries of `index.tsv` in the overview's order,
    /// reading only as much of the file as they take (pread, growing from 64 KB), and the
    /// file's size and time: the first screen's read, whatever the clinic's size. Nil when
    /// the file has no head (missing, damaged or version 5).
    func readFirst(_ count: Int) -> (head: ClinicCounts, entries: [Entry])? {
        let fd = open(mainFile, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var chunk = 65_536
        while true {
            var buffer = Data(count: chunk)
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, chunk, 0) }
            guard got > 0 else { return nil }
            buffer.count = got
            let complete = got < chunk
            var lines = buffer.split(separator: 0x0A, omittingEmptySubsequences: false)
            // The last piece may be a line cut by the chunk's end.
            if !complete { lines.removeLast() }
            guard let first = lines.first, let head = Self.head(first) else { return nil }
            let wanted = lines.dropFirst().prefix(count)
            if wanted.count == count || complete {
                return (head, wanted.compactMap { $0.isEmpty ? nil : Self.parse($0) })
            }
            chunk *= 4
        }
    }

    // MARK: Lines

    /// id, size, mtime, name, birth, protocol, plan status, phase, screening complete (0/1),
    /// critical warnings, warning codes, planned dates, forms due (lists comma-separated),
    /// appointment time, given dates, hold codes, held dates, over-capacity dates, scoring
    /// visits, the day the line was judged for, then missed, deferred and cancelled dates,
    /// the settings' identity (hex), and the next day's judgement (`1` the same, `0` not,
    /// empty unknown). Days are ISO 8601, codes their raw values.
    static func line(_ e: Entry) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        appendLine(e, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `line(e)`'s bytes, appended: written byte by byte rather than joined from a String
    /// per day, since folding the journal writes every line of the clinic (millions of
    /// days at 100,000 patients).
    static func appendLine(_ e: Entry, to out: inout [UInt8]) {
        let s = e.summary
        func text(_ t: String) { out.append(contentsOf: t.utf8) }
        func tab() { out.append(0x09) }
        func digit(_ n: Int) { out.append(0x30 + UInt8(n)) }
        func iso(_ d: CalendarDay) {
            let (y, m, dd) = d.components
            guard (0...9999).contains(y) else { return text(d.iso) }
            digit(y / 1000); digit(y / 100 % 10); digit(y / 10 % 10); digit(y % 10)
            out.append(0x2D); digit(m / 10); digit(m % 10); out.append(0x2D); digit(dd / 10); digit(dd % 10)
        }
        func days(_ values: [CalendarDay]) {
            for (n, d) in values.enumerated() {
                if n > 0 { out.append(0x2C) }
                iso(d)
            }
        }
        func codes<Code: RawRepresentable<String>>(_ values: [Code]) {
            for (n, c) in values.enumerated() {
                if n > 0 { out.append(0x2C) }
                text(c.rawValue)
            }
        }
        // Identity.
        text(s.id.rawValue); tab(); text(String(e.size)); tab(); text(String(e.mtime)); tab(); text(escape(s.name)); tab()
        iso(s.dateOfBirth); tab(); text(s.protocolID?.rawValue ?? ""); tab(); text(s.planStatus?.rawValue ?? ""); tab()
        // State.
        text(s.phase?.rawValue ?? ""); tab(); text(s.screeningComplete ? "1" : "0"); tab(); text(String(s.criticalWarnings)); tab()
        codes(s.warningCodes); tab(); days(s.planned); tab(); days(s.formsDue); tab(); text(s.time?.description ?? ""); tab(); days(s.given); tab()
        // Holds.
        codes(s.holdCodes); tab(); days(s.held); tab(); days(s.overCapacity); tab(); days(s.scoringVisits); tab(); iso(s.asOf); tab()
        // Unkept sessions.
        days(s.missed); tab(); days(s.deferred); tab(); days(s.cancelled); tab()
        // The settings it was judged under.
        text(String(e.settings, radix: 16)); tab()
        // Whether midnight may carry it without reading its file.
        switch e.nextDay {
        case .unknown: break
        case .same: out.append(0x31)
        case .differs: out.append(0x30)
        }
    }

    /// One line back into an entry; nil for a line that is damaged or names a code or value
    /// this version does not know (its patient is then rebuilt from the file).
    static func parse<Line: Collection<UInt8>>(_ line: Line) -> Entry? {
        let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard fields.count == 25 else { return nil }
        func text(_ i: Int) -> String { String(decoding: fields[i], as: UTF8.self) }
        func optional<T>(_ i: Int, _ make: (String) -> T?) -> T?? {
            fields[i].isEmpty ? .some(nil) : make(text(i)).map { .some($0) }
        }
        func codes<T: RawRepresentable<String>>(_ i: Int, _: T.Type) -> [T]? {
            var out: [T] = []
            for part in fields[i].split(separator: 0x2C) {
                guard let code = T(rawValue: String(decoding: part, as: UTF8.self)) else { return nil }
                out.append(code)
            }
            return out
        }
        func days(_ i: Int) -> [CalendarDay]? {
            let field = fields[i]
            var out: [CalendarDay] = []
            out.reserveCapacity(field.count / 11 + 1)
            // Each day up to the next comma (an empty part skipped), without an array of parts.
            var start = field.startIndex
            while start != field.endIndex {
                let end = field[start...].firstIndex(of: 0x2C) ?? field.endIndex
                if start != end {
                    guard let d = day(field[start..<end]) else { return nil }
                    out.append(d)
                }
                start = end == field.endIndex ? end : field.index(after: end)
            }
            return out
        }
        guard let id = try? PatientID(text(0)), let size = Int64(text(1)), let mtime = Int64(text(2)), let birth = day(fields[4]),
              let protocolID = optional(5, { ProtocolID($0) }), let status = optional(6, PlanStatus.init(rawValue:)),
              let phase = optional(7, PhaseKind.init(rawValue:)), let critical = Int(text(9)), let warnings = codes(10, WarningCode.self),
              let planned = days(11), let formsDue = days(12), let time = optional(13, { try? TimeOfDay(text: $0) }), let given = days(14),
              let holdCodes = codes(15, HoldCode.self), let held = days(16), let over = days(17), let visits = days(18), let asOf = day(fields[19]),
              let missed = days(20), let deferred = days(21), let cancelled = days(22), let settings = UInt64(text(23), radix: 16)
        else { return nil }
        let nextDay: PatientSummary.NextDay
        switch text(24) {
        case "": nextDay = .unknown
        case "1": nextDay = .same
        case "0": nextDay = .differs
        default: return nil
        }
        let summary = PatientSummary(
            id: id, name: unescape(text(3)), dateOfBirth: birth, protocolID: protocolID, planStatus: status, time: time, phase: phase,
            planned: planned, given: given, formsDue: formsDue, screeningComplete: text(8) == "1", warningCodes: warnings, criticalWarnings: critical,
            holdCodes: holdCodes, held: held, overCapacity: over, scoringVisits: visits, asOf: asOf,
            missed: missed, deferred: deferred, cancelled: cancelled)
        return Entry(size: size, mtime: mtime, summary: summary, settings: settings, nextDay: nextDay)
    }

    /// `YYYY-MM-DD` read straight from the bytes (an index holds millions of days).
    static func day<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> CalendarDay? {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, dayOfMonth = 0
        for (i, b) in zip(0..., bytes) {
            if i == 4 || i == 7 {
                guard b == 0x2D else { return nil }
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return nil }
            let digit = Int(b - 0x30)
            if i < 4 { year = year * 10 + digit } else if i < 7 { month = month * 10 + digit } else { dayOfMonth = dayOfMonth * 10 + digit }
        }
        return try? CalendarDay(year: year, month: month, day: dayOfMonth)
    }

    /// Names may hold anything; tabs, line feeds, carriage returns and backslashes are
    /// escaped. Done on Unicode scalars: Swift counts "\r\n" as one Character, which a
    /// Character-based check would miss, and its line feed would split the line.
    static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\\" || $0 == "\r" }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = String.UnicodeScalarView()
        var escaping = false
        for c in s.unicodeScalars {
            if escaping {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return String(out)
    }
}
