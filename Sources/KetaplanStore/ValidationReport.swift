import Foundation
import KetaplanEngine

/// What `ketaplan validate` found in a data folder: every problem (each a line naming the
/// file and what to do) and a count of what is well.
public struct ValidationReport: Equatable, Sendable {
    /// Problems, one line each; any problem makes `validate` exit non-zero.
    public var problems: [String] = []
    /// Patient files that loaded.
    public var validPatients = 0
    /// Audit entries that read.
    public var auditEntries = 0

    public var isWell: Bool { problems.isEmpty }
}

extension ClinicStore {
    /// Checks the whole folder: that it exists and can be read, that every file and folder
    /// can be read and written by this user and, in a folder shared by a group, by the whole
    /// group (`AccessCheck`), every file (clinic, protocols, patients, the audit log line by
    /// line), leftover temporary files, and chair capacity from `today` on. Writes nothing.
    public func validate(today: CalendarDay) -> ValidationReport {
        var report = ValidationReport()
        let access = AccessCheck(folder: folder).problems()
        report.problems = access.map(\.message)
        // A file reported for its permissions is not reported again for failing to load.
        let reported = Set(access.map(\.path))
        let folderProblems = folderProblems()
        if !folderProblems.isEmpty {
            report.problems += folderProblems.filter { !reported.contains($0.path) }.map(\.description)
            return report
        }
        let snapshot = loadAll()
        report.problems += snapshot.problems.filter { !reported.contains($0.path) }.map(\.description)
        report.validPatients = snapshot.charts.count

        report.problems += textProblems(loaded: snapshot.charts.map(\.id), clinicLoaded: !snapshot.problems.contains { $0.path == folder.clinicFile })

        let audit = readAudit()
        if let problem = audit.problem { report.problems.append(problem.description) }
        report.auditEntries = audit.entries.count
        for line in audit.badLines {
            report.problems.append("\(folder.auditFile): line \(line) is not a complete audit entry (torn by an interrupted save, or damaged); later lines are intact. Keep the file as it is for the record.")
        }

        let loaded = Set(snapshot.charts.map(\.id.rawValue))
        for dir in [folder.path, folder.patientsFolder, folder.backupsFolder, folder.protocolsFolder] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in names.sorted() where name.hasPrefix(".") && (name.hasSuffix(".tmp") || name.hasSuffix(".restore")) {
                report.problems.append(dir + "/" + name + ": " + leftoverAdvice(name, in: dir, loaded: loaded))
            }
        }

        if snapshot.problems.allSatisfy({ $0.path != folder.clinicFile }) {
            let chairs = snapshot.clinic.calendar.chairsPerDay
            for (day, booked) in ChairCapacity.overbooked(snapshot.charts.map(\.chart), chairs: chairs, from: today) {
                report.problems.append("\(day): \(booked) sessions are planned for \(chairs) chair\(chairs == 1 ? "" : "s"); move sessions off this day (ketaplan plan show lists each patient's sessions).")
            }
            report.problems += Self.sessionsOnClosedDays(snapshot.charts, calendar: snapshot.clinic.calendar, from: today)
        }
        return report
    }

    /// Sessions still planned from `from` on a day the clinic is closed (a closed date, or a
    /// weekday it is not open): left by a clinic change that could not re-plan a patient
    /// whose file did not read, or by a hand edit. A session the clinician moved there
    /// despite the rules (`movedDespiteRules`) was their choice and is not reported.
    static func sessionsOnClosedDays(_ charts: [StoredChart], calendar: ClinicCalendar, from: CalendarDay) -> [String] {
        var found: [String] = []
        for stored in charts.sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
            guard let plan = stored.chart.plan else { continue }
            for session in plan.sessions where session.status == .planned && session.date >= from && !session.movedDespiteRules {
                guard let closure = calendar.closure(on: session.date) else { continue }
                let why = closure == .closedDate ? "a date the clinic is closed" : "a \(session.date.weekday.name), not one of the clinic's open days"
                let number = plan.number(of: session.id).map { "session \($0)" } ?? "a session"
                found.append("\(stored.id): \(number) is planned on \(session.date), \(why); move it with `ketaplan session move \(stored.id) \(session.date) --to YYYY-MM-DD` (or m on the patient's screen).")
            }
        }
        return found
    }

    /// Files that load but hold text input refuses (a control character, an invisible
    /// format character such as U+202E): written by hand, a sync or an import. Shown inert
    /// everywhere, but named here, with the field, so that it is corrected.
    func textProblems(loaded: [PatientID], clinicLoaded: Bool) -> [String] {
        let files = (clinicLoaded ? [folder.clinicFile] : []) + loaded.sorted { $0.rawValue < $1.rawValue }.map(folder.patientFile)
        return files.compactMap { path in
            guard let data = try? AtomicFile.read(path), let problem = JSONShape.problem(in: data, checkingText: true) else { return nil }
            let fix = path == folder.clinicFile
                ? "correct it with `ketaplan clinic set`"
                : "correct it with `ketaplan patient edit` (--name, --notes) or on the patient's screen"
            return "\(path): \(problem). Every output shows it inert (as ^[ or <202E>); \(fix)."
        }
    }

    /// What a leftover temporary file is and what to do with it.
    private func leftoverAdvice(_ name: String, in dir: String, loaded: Set<String>) -> String {
        let base = name.dropFirst().replacingOccurrences(of: ".tmp", with: "").replacingOccurrences(of: ".restore", with: "")
        guard dir == folder.patientsFolder, base.hasSuffix(".json") else {
            return "a temporary file left by an interrupted write; the file it was replacing (\(base)) is as it was before that write. Delete this one."
        }
        let id = String(base.dropLast(5))
        if loaded.contains(id) {
            return "a temporary file left by an interrupted save; patients/\(base) loads and holds the last completed save. This file may hold a name and date of birth: delete it."
        }
        if FileManager.default.fileExists(atPath: folder.patientFile(named: id)) {
            return "a temporary file left by an interrupted save; patients/\(base) does not load (see above). Restore that file from backups/ first, then delete this one."
        }
        return "left by the first save of a new patient that was interrupted, so patient \(id) was never created; it holds a name and date of birth. Add the patient again if needed, then delete this file."
    }
}
