import Foundation
import KetaplanEngine

/// The loaders that read bytes from disk, exposed for the fuzzer (`ketaplan-fuzz`): the
/// patient-file and clinic-file decoders (with the summary a load computes) and the
/// index line parser. Whatever the bytes, each must return or throw, never crash or hang.
public enum LoaderProbe {
    /// Runs one loader on `data`: the first byte chooses which (0: patient file, 1: clinic
    /// file, 2: index lines), the rest is the file. Returns whether it loaded.
    @discardableResult
    public static func run(_ data: Data) -> Bool {
        guard let selector = data.first else { return false }
        let body = data.dropFirst()
        let store = ClinicStore(folder: DataFolder(path: "/nonexistent-ketaplan-fuzz"), user: "fuzz", durability: .unsynced,
                                now: { Date(timeIntervalSince1970: 1_790_000_000) })
        switch selector % 3 {
        case 0:
            guard let stored = try? store.decodePatient(Data(body), path: "fuzz.json", expectedID: nil) else { return false }
            let day = CalendarDay(daysSinceEpoch: 20_600)
            _ = PatientSummary(chart: stored.chart, day: day, settings: ClinicSettings(), calendar: ClinicCalendar())
            _ = AuditChange.between(nil, stored.chart)
            return true
        case 1:
            let clinic: ClinicFile? = try? store.decode(Data(body), path: "clinic.json", current: Schema.clinicVersion, migrations: Schema.clinicMigrations)
            return clinic != nil
        default:
            var any = false
            for line in body.split(separator: 0x0A) where SummaryIndex.parse(line) != nil { any = true }
            return any
        }
    }
}
