import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// clinic.json missing from a folder in use, and values `clinic set` refuses written into
/// it by hand: a clinic that cannot be read, never the defaults (tester's F11, F12).
@Suite struct MissingClinicTests {
    func store(_ dir: TemporaryFolder) -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced)
    }

    @Test func aNewFolderStartsWithTheDefaultsAndItsFirstSaveWritesThem() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = store(dir)
        #expect(try store.loadClinic() == ClinicFile())
        #expect(fileBytes(dir.path + "/clinic.json") == nil, "reading writes nothing")
        try store.create(samplePatient("P-0001"))
        let written = try #require(fileBytes(dir.path + "/clinic.json"))
        #expect(try JSONDecoder().decode(ClinicFile.self, from: written) == ClinicFile())
        try store.create(samplePatient("P-0002"))
        #expect(store.loadAll().problems.isEmpty)
    }

    @Test func aMissingClinicInAFolderWithPatientsRefusesEverySaveUntilItIsCreated() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = store(dir)
        try store.create(samplePatient("P-0001"))
        let loaded = try store.loadPatient(PatientID("P-0001"))
        unlink(dir.path + "/clinic.json")
        let before = fileBytes(dir.path + "/patients/P-0001.json")

        #expect(throws: StoreError.missingClinic(path: dir.path + "/clinic.json")) { try store.loadClinic() }
        var changed = loaded.chart
        changed.patient.notes = "seen"
        #expect(throws: StoreError.missingClinic(path: dir.path + "/clinic.json")) { try store.save(changed, over: loaded) }
        #expect(throws: StoreError.missingClinic(path: dir.path + "/clinic.json")) { try store.create(samplePatient("P-0002")) }
        #expect(fileBytes(dir.path + "/patients/P-0001.json") == before)
        #expect(fileBytes(dir.path + "/clinic.json") == nil, "no default clinic.json is written behind the clinician's back")
        let reading = store.clinicForReading()
        let problem = try #require(reading.clinicProblem).description
        #expect(problem.contains("clinic.json is missing") && problem.contains("clinic init") && problem.contains("own copy"), "\(problem)")
        #expect(store.loadAll().problems.contains { $0.path == dir.path + "/clinic.json" })

        // The allowed path right after: `clinic init` writes the defaults, and the save works.
        #expect(try store.createClinicIfAbsent())
        #expect(try store.createClinicIfAbsent() == false, "an existing clinic.json is kept")
        try store.save(changed, over: loaded)
    }

    @Test func anAuditLogAloneMakesTheFolderInUse() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = store(dir)
        #expect(!store.isInUse)
        try store.saveClinic(ClinicFile(name: "North"))
        unlink(dir.path + "/clinic.json")
        #expect(store.isInUse)
        #expect(throws: StoreError.missingClinic(path: dir.path + "/clinic.json")) { try store.loadClinic() }
    }

    /// Each value `clinic set` refuses, written by hand: refused on load naming the field,
    /// the file left as it was; the value `clinic set` accepts loads.
    @Test(arguments: [
        (#""openWeekdays":[]"#, "openWeekdays must name at least one weekday"),
        (#""chairsPerDay":20001"#, "chairsPerDay must be 1-20000"),
        (#""chairsPerDay":0"#, "chairsPerDay must be 1-20000"),
        (#""name":"  ""#, "the clinic's name cannot be empty"),
        (#""timeZone":"Mars/Olympus_Mons""#, "'Mars/Olympus_Mons' is not a time zone this machine knows"),
    ])
    func aValueClinicSetRefusesIsRefusedOnLoad(value: String, expected: String) throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = store(dir)
        try store.saveClinic(ClinicFile())
        try store.create(samplePatient("P-0001"))
        let good = String(decoding: try #require(fileBytes(dir.path + "/clinic.json")), as: UTF8.self)
        let key = value.split(separator: ":")[0]
        // The field replaced where the file has it, else added.
        let bad = Data((good.firstRange(of: try Regex(key + #":(\[[^\]]*\]|[0-9]+|"[^"]*")"#)).map { good.replacingCharacters(in: $0, with: value) }
                        ?? "{" + value + "," + good.dropFirst()).utf8)
        try bad.write(to: URL(fileURLWithPath: dir.path + "/clinic.json"))
        do throws(StoreError) {
            _ = try store.loadClinic()
            Issue.record("\(value) was accepted")
        } catch {
            #expect(error.description.contains(expected) && error.description.contains("left untouched"), "\(error)")
        }
        #expect(fileBytes(dir.path + "/clinic.json") == bad)
        let loaded = try store.loadPatient(PatientID("P-0001"))
        #expect(throws: StoreError.self) { try store.save(loaded.chart, over: loaded) }

        try Data(good.utf8).write(to: URL(fileURLWithPath: dir.path + "/clinic.json"))
        try store.save(loaded.chart, over: loaded)
    }
}
