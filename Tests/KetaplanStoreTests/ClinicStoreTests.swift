import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

@Suite struct ClinicStoreTests {
    @Test func savesAndLoadsAChart() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice")
        let created = try store.create(samplePatient())
        #expect(created.revision == 1)
        let loaded = try store.loadPatient(pid("P-0001"))
        #expect(loaded.chart == samplePatient())
        #expect(loaded.savedBy == "alice")
        var st = stat()
        #expect(stat(dir.path + "/patients/P-0001.json", &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(stat(dir.path, &st) == 0 && st.st_mode & 0o777 == 0o700)
        #expect(stat(dir.path + "/audit.jsonl", &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    @Test func revisionsCountAndBackupsKeepThePreviousVersions() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice")
        var stored = try store.create(samplePatient())
        for n in 1...5 {
            var chart = stored.chart
            chart.patient.notes = "edit \(n)"
            stored = try store.save(chart, over: stored)
        }
        #expect(stored.revision == 6)
        let backups = store.backups(of: pid("P-0001"))
        #expect(backups.map(\.revision) == [5, 4, 3])
        #expect(backups.first?.chart.patient.notes == "edit 4")
    }

    @Test func aConcurrentSaveIsAConflictAndOverwritesNothing() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let alice = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", now: { Date(timeIntervalSince1970: 1_790_000_000) })
        let bob = ClinicStore(folder: DataFolder(path: dir.path), user: "bob")
        try alice.create(samplePatient())
        let a = try alice.loadPatient(pid("P-0001"))
        let b = try bob.loadPatient(pid("P-0001"))
        var aliceChart = a.chart
        aliceChart.patient.notes = "alice's note"
        try alice.save(aliceChart, over: a)
        let before = fileBytes(dir.path + "/patients/P-0001.json")
        var bobChart = b.chart
        bobChart.patient.notes = "bob's note"
        #expect(throws: StoreError.conflict(patient: a.id, savedBy: "alice", savedAt: "2026-09-21T14:13:20Z")) {
            try bob.save(bobChart, over: b)
        }
        #expect(fileBytes(dir.path + "/patients/P-0001.json") == before)
        #expect(StoreError.conflict(patient: a.id, savedBy: "alice", savedAt: "2026-09-21T14:13:20Z").description
                == "patient P-0001 was changed by alice at 2026-09-21T14:13:20Z since you loaded it; reload and make your change again (nothing was overwritten)")
    }

    /// Two store instances race to save the same loaded revision, many times over:
    /// exactly one wins each round and the loser gets the conflict.
    @Test func racingSavesExactlyOneWins() async throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let folder = DataFolder(path: dir.path)
        try ClinicStore(folder: folder, user: "setup").create(samplePatient())
        for round in 0..<40 {
            let stores = [ClinicStore(folder: folder, user: "alice", durability: .unsynced), ClinicStore(folder: folder, user: "bob", durability: .unsynced)]
            let loaded = try stores[0].loadPatient(pid("P-0001"))
            let outcomes = await withTaskGroup(of: Result<Int, StoreError>.self) { group in
                for (i, store) in stores.enumerated() {
                    group.addTask {
                        var chart = loaded.chart
                        chart.patient.notes = "round \(round) by \(i)"
                        do { return .success(try store.save(chart, over: loaded).revision) } catch let e as StoreError { return .failure(e) } catch { return .failure(.io(path: "", operation: "save", reason: "\(error)")) }
                    }
                }
                var all: [Result<Int, StoreError>] = []
                for await r in group { all.append(r) }
                return all
            }
            let wins = outcomes.filter { if case .success = $0 { return true } else { return false } }
            #expect(wins.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.contains { if case .failure(.conflict) = $0 { return true } else { return false } })
            #expect(try stores[0].loadPatient(pid("P-0001")).revision == loaded.revision + 1)
        }
    }

    @Test func newPatientIDsAreNeverOverwritten() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path))
        try store.create(samplePatient())
        #expect(throws: StoreError.patientExists(try PatientID("P-0001"))) {
            try store.create(samplePatient(name: "Someone Else"))
        }
        #expect(try store.loadPatient(pid("P-0001")).chart.patient.name == "Zoë Exemplar")
    }

    @Test func auditLogNamesOnlyTheID() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice")
        let stored = try store.create(samplePatient())
        try store.save(stored.chart, over: stored)
        let entries = store.auditEntries()
        // The store writes what changed (kinds, ids, dates), never a caller's text.
        #expect(entries.map { $0.changes.map(\.kind) } == [[.patientCreated, .planCreated], [.unchanged]])
        #expect(entries.map(\.revision) == [1, 2])
        #expect(entries.allSatisfy { $0.user == "alice" && $0.patient == pid("P-0001") })
        let text = String(decoding: fileBytes(dir.path + "/audit.jsonl")!, as: UTF8.self)
        #expect(!text.contains("Zoë"))
        #expect(text.split(separator: "\n").count == 2)
    }

    @Test func dataFolderResolution() {
        #expect(DataFolder.resolve(explicit: "/x", environment: ["KETAPLAN_DATA": "/y"]).path == "/x")
        #expect(DataFolder.resolve(explicit: nil, environment: ["KETAPLAN_DATA": "/y", "XDG_DATA_HOME": "/z"]).path == "/y")
        #expect(DataFolder.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/z", "HOME": "/h"]).path == "/z/ketaplan")
        #expect(DataFolder.resolve(explicit: nil, environment: ["HOME": "/h"]).path == "/h/.local/share/ketaplan")
    }

    @Test func releasedFormatsStillLoad() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("v1")
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.path + "/patients", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("clinic.json").path, toPath: dir.path + "/clinic.json")
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("patient-P-0006.json").path, toPath: dir.path + "/patients/P-0006.json")
        let snapshot = ClinicStore(folder: DataFolder(path: dir.path)).loadAll()
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.clinic.name == "Riverside Ketamine Clinic (demo)")
        let chart = try #require(snapshot.chart(pid("P-0006")))
        #expect(chart.chart.patient.name == "Max Mustermann")
        #expect(chart.chart.plan?.sessions.count == 41)
        #expect(chart.chart.plan?.sessions.filter { $0.status == .given }.count == 11)
    }

    @Test func clinicSettingsRoundTripAndDefaultsForMissingKeys() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path))
        #expect(try store.loadClinic() == ClinicFile())
        var clinic = ClinicFile(name: "Test clinic")
        clinic.calendar.closedDates = [day("2026-12-25")]
        clinic.settings.weightBasis = .adjusted
        try store.saveClinic(clinic)
        #expect(try store.loadClinic() == clinic)
        let minimal = #"{"schemaVersion":1,"name":"Old","calendar":{"openWeekdays":["mon"],"closedDates":[],"chairsPerDay":2}}"#
        try Data(minimal.utf8).write(to: URL(fileURLWithPath: dir.path + "/clinic.json"))
        let old = try store.loadClinic()
        #expect(old.settings == ClinicSettings())
        #expect(old.calendar.openWeekdays == [.monday])
    }

    @Test func protocolsFolderAddsClinicProtocols() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.path + "/protocols", withIntermediateDirectories: true)
        var sc = BuiltInProtocols.imKetamineWeekly
        sc.id = "sc-anxiety"
        sc.route = .subcutaneous
        let file = try JSONEncoder().encode(ProtocolFile(schemaVersion: 1, protocol: sc))
        try file.write(to: URL(fileURLWithPath: dir.path + "/protocols/sc-anxiety.json"))
        let clinic = try ClinicStore(folder: DataFolder(path: dir.path)).loadClinic()
        #expect(try clinic.protocolWith(id: "sc-anxiety") == sc)
        #expect(throws: ProtocolError.self) { try clinic.protocolWith(id: "nope") }
    }
}
