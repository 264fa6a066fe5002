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
    }

    let folder: DataFolder

    var mainFile: String { folder.path + "/index.tsv" }
    var journalFile: String { folder.path + "/index-journal.tsv" }

    static let header = "ketaplan-index\t5"

    /// Journal lines after which the loader folds the journal into `index.tsv`.
    static let compactAfter = 256

    /// The size and modification time (ns) of a file, or nil when it is not a regular file.
    static func stamp(_ path: String) -> (Int64, Int64)? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// Appends one entry after a save (the caller holds the folder lock).
    func append(_ entry: Entry, faults: FaultInjection = .none) {
        try? AtomicFile.appendLine(Data(Self.line(entry).utf8), to: journalFile, durability: .unsynced, faults: faults, step: .indexAppend)
    }

    /// Every entry: `index.tsv` overlaid with the journal, the last line for an id winning.
    /// A damaged line is skipped (its patient is rebuilt from the file).
    func read() -> (entries: [String: Entry], journalLines: Int) {
        var entries: [String: Entry] = [:]
        if let data = try? AtomicFile.read(mainFile) {
            var lines = data.split(separator: 0x0A)
            if let first = lines.first, String(decoding: first, as: UTF8.self) == Self.header {
                lines.removeFirst()
                entries.reserveCapacity(lines.count)
                for line in lines { if let e = Self.parse(line) { entries[e.summary.id] = e } }
            }
        }
        var count = 0
        if let data = try? AtomicFile.read(journalFile) {
            for line in data.split(separator: 0x0A) {
                count += 1
                if let e = Self.parse(line) { entries[e.summary.id] = e }
            }
        }
        return (entries, count)
    }

    /// Rewrites `index.tsv` with `entries` and empties the journal (caller holds the lock).
    func compact(_ entries: [Entry]) {
        var text = Self.header + "\n"
        for e in entries.sorted(by: { $0.summary.id < $1.summary.id }) { text += Self.line(e) + "\n" }
        do {
            try AtomicFile.write(Data(text.utf8), to: mainFile, durability: .unsynced)
            try AtomicFile.write(Data(), to: journalFile, durability: .unsynced)
        } catch {
            // The index is a cache; a failed rewrite only means the next load rebuilds more.
        }
    }

    // MARK: Lines

    /// id, size, mtime, name, birth, protocol, plan status, phase, screening complete (0/1),
    /// critical warnings, warning codes, planned dates, forms due (lists comma-separated),
    /// appointment time, given dates, hold codes, held dates, over-capacity dates, scoring
    /// visits, and the day the line was judged for.
    static func line(_ e: Entry) -> String {
        let s = e.summary
        func list(_ values: [String]?) -> String { (values ?? []).joined(separator: ",") }
        let identity: [String] = [s.id, String(e.size), String(e.mtime), escape(s.name), s.dateOfBirth, s.protocolID ?? "", s.planStatus ?? ""]
        let state: [String] = [s.phase ?? "", s.screeningComplete ? "1" : "0", String(s.criticalWarnings), list(s.warningCodes),
                               list(s.planned), list(s.formsDue), s.time ?? "", list(s.given)]
        let holds: [String] = [list(s.holdCodes), list(s.held), list(s.overCapacity), list(s.scoringVisits), s.asOf]
        return (identity + state + holds).joined(separator: "\t")
    }

    static func parse(_ line: Data.SubSequence) -> Entry? {
        let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard fields.count == 20 else { return nil }
        func text(_ i: Int) -> String { String(decoding: fields[i], as: UTF8.self) }
        func list(_ i: Int) -> [String] { fields[i].isEmpty ? [] : fields[i].split(separator: 0x2C).map { String(decoding: $0, as: UTF8.self) } }
        func optional(_ i: Int) -> String? { fields[i].isEmpty ? nil : text(i) }
        guard let size = Int64(text(1)), let mtime = Int64(text(2)), let critical = Int(text(9)) else { return nil }
        let summary = PatientSummary(
            id: text(0), name: unescape(text(3)), dateOfBirth: text(4), protocolID: optional(5), planStatus: optional(6), time: optional(13), phase: optional(7),
            planned: list(11), given: list(14), formsDue: list(12), screeningComplete: text(8) == "1", warningCodes: list(10), criticalWarnings: critical,
            holdCodes: list(15), held: list(16), overCapacity: list(17).isEmpty ? nil : list(17),
            scoringVisits: list(18).isEmpty ? nil : list(18), asOf: text(19))
        return Entry(size: size, mtime: mtime, summary: summary)
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
