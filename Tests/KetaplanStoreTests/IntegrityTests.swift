import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// Issue #10: nothing lost, nothing silently wrong. Each test names the item it proves.
@Suite struct IntegrityTests {
    func store(_ dir: TemporaryFolder, user: String = "alice") -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: user, durability: .synced)
    }

    func withScore(_ chart: PatientChart) -> PatientChart {
        var c = chart
        c.add(try! Assessment(date: day("2026-01-05"), instrument: .phq9, score: 12, note: "call 0161 496 0000"))
        return c
    }

    func snapshot(_ dir: TemporaryFolder) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir.path)!
        while let name = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.path + "/" + name, isDirectory: &isDir), !isDir.boolValue, !name.hasPrefix("index"), name != ".lock" {
                out[name] = fileBytes(dir.path + "/" + name)
            }
        }
        return out
    }

    /// A previous version that cannot be kept (the link refused, as a colleague's 0640 file
    /// is with fs.protected_hardlinks) costs no backup slot: the rotation waits for the
    /// link (tester's F19). The save right after keeps all three.
    @Test func aRefusedBackupLinkLosesNoBackup() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        var s = store(dir)
        var saved = try s.create(samplePatient())
        for _ in 0..<3 { saved = try s.save(withScore(saved.chart), over: saved) }
        let backups = (1...3).map { fileBytes(dir.path + "/backups/P-0001.\($0).json") }
        #expect(backups.allSatisfy { $0 != nil })
        s.faults = FaultInjection(failing: .backupLink)
        #expect(throws: StoreError.self) { try s.save(withScore(saved.chart), over: saved) }
        #expect((1...3).map { fileBytes(dir.path + "/backups/P-0001.\($0).json") } == backups)
        s.faults = .none
        let current = fileBytes(dir.path + "/patients/P-0001.json")
        try s.save(withScore(saved.chart), over: saved)
        #expect(fileBytes(dir.path + "/backups/P-0001.1.json") == current)
        #expect(fileBytes(dir.path + "/backups/P-0001.2.json") == backups[0] && fileBytes(dir.path + "/backups/P-0001.3.json") == backups[1])
    }

    // Proof: every step of a save fails in turn; the folder loads, validate explains what
    // is left, the outcome reported matches the disk, and a retry stores the change once.
    @Test(arguments: FaultInjection.Step.allCases)
    func aSaveFailingAtAnyStepLeavesTheFolderTrue(_ step: FaultInjection.Step) throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        var s = store(dir)
        let first = try s.create(samplePatient())
        let saved = try s.save(first.chart, over: first)  // so backups exist to rotate
        let before = snapshot(dir)
        s.faults = FaultInjection(failing: step)
        let changed = withScore(saved.chart)
        var outcome: StoredChart?
        var failure: StoreError?
        do { outcome = try s.save(changed, over: saved) } catch { failure = error }
        s.faults = .none

        let loaded = try s.loadPatient(pid("P-0001"))
        let report = s.validate(today: day("2026-01-05"))
        #expect(report.problems.isEmpty, "\(step): \(report.problems)")
        #expect(s.loadAll().problems.isEmpty)
        if step == .indexAppend {
            // The index is a cache: the save is complete and says so.
            #expect(failure == nil)
            #expect(outcome?.revision == 3 && loaded.chart == changed && loaded.revision == 3)
            #expect(s.auditEntries().count == 3)
        } else {
            // Reported as failed: nothing changed on disk (backups may have rotated).
            let message = try #require(failure, "\(step) did not report a failure").description
            #expect(message.contains(FaultInjection.operation(step)), "\(message)")
            #expect(loaded.chart == saved.chart && loaded.revision == 2)
            let after = snapshot(dir)
            #expect(after["patients/P-0001.json"] == before["patients/P-0001.json"])
            #expect(after["audit.jsonl"] == before["audit.jsonl"], "\(step): the audit log changed")
            // The retry stores the change exactly once, with one audit line.
            let retried = try s.save(changed, over: loaded)
            #expect(retried.revision == 3)
            #expect(try s.loadPatient(pid("P-0001")).chart.assessments.count == 1)
            let entries = s.auditEntries()
            #expect(entries.count == 3 && entries.filter { $0.changes.contains { $0.kind == .scoreAdded } }.count == 1)
        }
    }

    @Test(arguments: [FaultInjection.Step.open, .write, .fsync, .rename, .folderSync, .auditAppend])
    func aNewPatientWhoseFirstSaveFailsIsNotCreated(_ step: FaultInjection.Step) throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        var s = store(dir)
        s.faults = FaultInjection(failing: step)
        #expect(throws: StoreError.self) { try s.create(samplePatient()) }
        s.faults = .none
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/patients/P-0001.json"))
        #expect(s.auditEntries().isEmpty)
        #expect(s.validate(today: day("2026-01-05")).problems.isEmpty)
        try s.create(samplePatient())
        #expect(s.auditEntries().count == 1)
    }

    // Item 3: an audit log that cannot be written (a folder in its place) fails the save,
    // stores nothing, and a repeat stores the change once the log is back.
    @Test func anUnwritableAuditLogStoresNothing() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        let first = try s.create(samplePatient())
        let bytes = fileBytes(dir.path + "/patients/P-0001.json")
        try FileManager.default.moveItem(atPath: dir.path + "/audit.jsonl", toPath: dir.path + "/audit.kept")
        try FileManager.default.createDirectory(atPath: dir.path + "/audit.jsonl", withIntermediateDirectories: false)
        #expect(throws: StoreError.self) { try s.save(withScore(first.chart), over: first) }
        #expect(fileBytes(dir.path + "/patients/P-0001.json") == bytes)
        try FileManager.default.removeItem(atPath: dir.path + "/audit.jsonl")
        try FileManager.default.moveItem(atPath: dir.path + "/audit.kept", toPath: dir.path + "/audit.jsonl")
        // The clinician's loaded revision is still current: no false conflict.
        try s.save(withScore(first.chart), over: first)
        #expect(try s.loadPatient(pid("P-0001")).chart.assessments.count == 1)
    }

    // Item 1: a damaged clinic.json refuses every save, with its own message, untouched.
    @Test func aDamagedClinicFileRefusesSaves() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(name: "North", calendar: ClinicCalendar(chairsPerDay: 2)))
        let first = try s.create(samplePatient())
        let clinicPath = dir.path + "/clinic.json"
        let good = fileBytes(clinicPath)!
        let damaged = Data(good.prefix(40))
        try damaged.write(to: URL(fileURLWithPath: clinicPath))
        let patientBytes = fileBytes(dir.path + "/patients/P-0001.json")
        var readError: StoreError?
        do { _ = try s.loadClinic() } catch { readError = error }
        let message = try #require(readError).description
        #expect(throws: try #require(readError)) { try s.save(withScore(first.chart), over: first) }
        #expect(throws: try #require(readError)) { try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 3))) }
        #expect(message.contains("clinic.json") && message.contains("not valid JSON"))
        #expect(fileBytes(clinicPath) == damaged)
        #expect(fileBytes(dir.path + "/patients/P-0001.json") == patientBytes)
        // Restored, saving works again.
        try good.write(to: URL(fileURLWithPath: clinicPath))
        try s.save(withScore(first.chart), over: first)
    }

    // Item 2: a save whose dates the format cannot read back is refused; nothing written.
    @Test func aFileThatWouldNotReadBackIsNeverWritten() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        let first = try s.create(samplePatient())
        var chart = first.chart
        chart.plan!.sessions[5].date = CalendarDay.latest.adding(days: 3)
        var failure: StoreError?
        do { try s.save(chart, over: first) } catch { failure = error }
        let message = try #require(failure).description
        #expect(message.contains("not saved") && message.contains("2200-01-03") && message.contains("1900-01-01 to 2199-12-31"), "\(message)")
        #expect(try s.loadPatient(pid("P-0001")) == first)
        #expect(s.auditEntries().count == 1)
    }

    // Item 4: chairs are checked under the lock against what is on disk.
    @Test func aSaveThatWouldNowOverbookIsRefused() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        // Both plans were laid out against an empty clinic, as by two clinicians at once.
        try s.create(samplePatient("P-0001"))
        var failure: StoreError?
        do { try s.create(samplePatient("P-0002")) } catch { failure = error }
        guard case .overCapacity(let id, let days, 1) = failure else { Issue.record("not refused: \(String(describing: failure))"); return }
        #expect(id.rawValue == "P-0002" && days.first == day("2026-01-05"))
        #expect(failure!.description.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/patients/P-0002.json"))
        // Allowed right after: a chart without a plan, and a plan on free days.
        var other = samplePatient("P-0002")
        other.plan = nil
        let stored = try s.create(other)
        other.plan = try Scheduler(context: SchedulingContext(today: day("2026-01-05"), calendar: ClinicCalendar(chairsPerDay: 1),
                                                              bookings: ChairBookings(charts: [samplePatient("P-0001")], excluding: nil)))
            .makePlan(for: other, protocol: BuiltInProtocols.ivKetamine3x, start: day("2026-01-05"))
        try s.save(other, over: stored)
        #expect(s.validate(today: day("2026-01-05")).problems.isEmpty)
    }

    // Item 4: validate reports the days over capacity across the clinic.
    @Test func validateReportsDaysOverCapacity() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 2)))
        try s.create(samplePatient("P-0001"))
        try s.create(samplePatient("P-0002"))
        #expect(s.validate(today: day("2026-01-05")).isWell)
        // The clinic loses a chair: the two plans now overbook their shared days.
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        let report = s.validate(today: day("2026-01-05"))
        #expect(report.problems.first == "2026-01-05: 2 sessions are planned for 1 chair; move sessions off this day (ketaplan plan show lists each patient's sessions).")
        #expect(report.problems.count == samplePatient().plan!.sessions.filter { $0.status == .planned }.count)
    }

    @Test func sessionsBookedOverCapacityByChoiceAreSaved() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        try s.create(samplePatient("P-0001"))
        var chosen = samplePatient("P-0002")
        for i in chosen.plan!.sessions.indices { chosen.plan!.sessions[i].overCapacity = true }
        try s.create(chosen)
        #expect(s.validate(today: day("2026-01-05")).problems.isEmpty)
    }

    @Test func aClinicianMayBookOverCapacityOnPurpose() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 1)))
        let first = try s.create(samplePatient("P-0001"))
        var second = samplePatient("P-0002")
        second.plan = nil
        let stored = try s.create(second)
        // A session moved by hand onto a full day after the warning is pinned: recorded as chosen.
        second.plan = try Scheduler(context: SchedulingContext(today: day("2026-01-05"), calendar: ClinicCalendar(chairsPerDay: 1),
                                                               bookings: ChairBookings(charts: [first.chart], excluding: nil)))
            .makePlan(for: second, protocol: BuiltInProtocols.ivKetamine3x, start: day("2026-01-05"))
        let moved = try Scheduler(context: SchedulingContext(today: day("2026-01-05"), calendar: ClinicCalendar(chairsPerDay: 1),
                                                             bookings: ChairBookings(charts: [first.chart], excluding: nil)))
            .move(second.plan!.sessions[0].id, to: day("2026-01-07"), in: second, acceptingConcerns: true)
        try s.save(moved.chart, over: stored)
        #expect(s.validate(today: day("2026-01-05")).problems.isEmpty)
    }

    // Item 10: the audit log holds ids, kinds and dates only; a torn line is reported and
    // does not swallow the next entry.
    @Test func theAuditLogHoldsNoFreeTextAndSurvivesATornLine() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        // A fixed clock: the score value 12 must not be found, and a wall-clock time stamp
        // such as 11:12 would hold it.
        let s = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .synced,
                            now: { Date(timeIntervalSince1970: 1_767_607_200) }) // 2026-01-05 10:00 UTC
        var stored = try s.create(samplePatient())
        var chart = withScore(stored.chart)
        chart.plan!.statusNote = "call 0161 496 0000"
        chart.reviews.append(ClinicianReview(kind: .futility, on: day("2026-01-05"), by: "alice", note: "secret note"))
        stored = try s.save(chart, over: stored)
        let text = String(decoding: fileBytes(dir.path + "/audit.jsonl")!, as: UTF8.self)
        for secret in ["0161", "secret", "Zoë", "Exemplar", "12"] { #expect(!text.contains(secret), "\(secret) in \(text)") }
        let changes = s.auditEntries().last!.changes
        #expect(changes.contains { $0.kind == .scoreAdded && $0.ids == ["phq9"] && $0.dates == ["2026-01-05"] })
        #expect(changes.contains { $0.kind == .reviewAdded })
        #expect(changes.contains { $0.kind == .planChanged && $0.ids == ["statusNote"] }, "the field's name, not its text")
        #expect(s.auditEntries().last!.revision == 2)

        // A crash mid-append leaves a torn line; the next save starts a line of its own.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path + "/audit.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"schemaVersion\":2,\"time\":\"20".utf8))
        try handle.close()
        chart.add(try Assessment(date: day("2026-01-05"), instrument: .gad7, score: 3))
        try s.save(chart, over: stored)
        let audit = s.readAudit()
        #expect(audit.entries.count == 3 && audit.badLines == [3])
        let report = s.validate(today: day("2026-01-05"))
        #expect(report.problems.count == 1 && report.problems[0].contains("line 3 is not a complete audit entry"))
    }

    // Item 6: a missing folder, or a patients folder that cannot be listed, is a problem.
    @Test func validateReportsAMissingOrUnreadableFolder() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let missing = ClinicStore(folder: DataFolder(path: dir.path + "/nowhere"))
        let report = missing.validate(today: day("2026-01-05"))
        #expect(report.problems.count == 1 && report.problems[0].contains("there is no such folder"))
        let s = store(dir)
        try "not a folder".write(toFile: dir.path + "/patients", atomically: false, encoding: .utf8)
        #expect(s.validate(today: day("2026-01-05")).problems.first?.contains("could not list the folder") == true)
        #expect(!s.loadSummaries().problems.isEmpty)
    }

    // Item 7: the data folder may be a symbolic link to a folder.
    @Test func theDataFolderMayBeALink() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.path + "/real", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link", withDestinationPath: dir.path + "/real")
        let s = ClinicStore(folder: DataFolder(path: dir.path + "/link"), user: "alice", durability: .unsynced)
        let stored = try s.create(samplePatient())
        try s.save(withScore(stored.chart), over: stored)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/real/patients/P-0001.json"))
        #expect(s.validate(today: day("2026-01-05")).isWell)
    }

    // Item 11: a new patient's temporary file is explained as such and fails validate.
    @Test func leftoverTemporaryFilesFailValidate() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient("P-0001"))
        try Data("{\"name\":\"Zoë\"".utf8).write(to: URL(fileURLWithPath: dir.path + "/patients/.P-0002.json.tmp"))
        try Data("{".utf8).write(to: URL(fileURLWithPath: dir.path + "/patients/.P-0001.json.tmp"))
        let report = s.validate(today: day("2026-01-05"))
        #expect(report.problems.count == 2)
        #expect(report.problems.contains { $0.contains(".P-0002.json.tmp") && $0.contains("patient P-0002 was never created") })
        #expect(report.problems.contains { $0.contains(".P-0001.json.tmp") && $0.contains("loads and holds the last completed save") })
    }

    // Item 12: duplicate keys, deep nesting and an enormous schemaVersion get precise messages.
    @Test func preciseJSONMessages() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient())
        let path = dir.path + "/patients/P-0001.json"
        let valid = String(decoding: fileBytes(path)!, as: UTF8.self)
        func problem(_ text: String) -> String {
            try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do { _ = try s.loadPatient(pid("P-0001")); return "loaded" } catch { return error.description }
        }
        let duplicate = problem(valid.replacingOccurrences(of: "\"revision\":1", with: "\"revision\":1,\"revision\":2"))
        #expect(duplicate.contains("the key \"revision\" appears twice"), "\(duplicate)")
        let deep = problem(String(repeating: "[", count: 100_000))
        #expect(deep.contains("nested more than 64 levels deep"), "\(deep)")
        let huge = problem(valid.replacingOccurrences(of: "\"schemaVersion\":1", with: "\"schemaVersion\":99999999999999999999999"))
        #expect(huge.contains("schemaVersion 99999999999999999999999 is not a version number"), "\(huge)")
        let truncated = problem(String(valid.prefix(50)))
        #expect(truncated.contains("not valid JSON") && !truncated.contains(".."), "\(truncated)")
        #expect(problem(valid) == "loaded")
    }

    // Item 5: a carriage return (even in "\r\n", one Swift Character) cannot split an index line.
    @Test func indexLinesSurviveLineBreaksInNames() {
        let name = "A\r\nB\rC\t\\"
        let escaped = SummaryIndex.escape(name)
        #expect(!escaped.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\t" })
        #expect(SummaryIndex.unescape(escaped) == name)
    }
}
