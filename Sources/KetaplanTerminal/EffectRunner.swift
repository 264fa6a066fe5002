import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanPrint
import KetaplanPrinting
import KetaplanStore
import KetaplanUI

/// Performs the reducer's effects with the store and reports each result as an action.
struct EffectRunner {
    let store: ClinicStore
    let recovery: RecoveryFile

    /// - Parameter checked: the screen's checked chair bookings, for a save's chair check
    ///   (`CheckedBookings`; nil: the store checks the whole clinic).
    func perform(_ effect: Effect, checked: CheckedBookings? = nil) -> Action? {
        switch effect {
        case .loadChart(let id):
            do { return .chartLoaded(try store.loadPatient(id)) } catch { return .chartFailed(id: id, message: error.description) }
        case .checkChart(let id):
            // Gone or unreadable: the next checked load reports it on the overview.
            return (try? store.loadPatient(id)).map(Action.chartChanged)
        case .save(let chart, let over, let intent):
            do throws(StoreError) {
                let stored: StoredChart
                if let over { stored = try store.save(chart, over: over, checked: checked) } else {
                    stored = try store.create(chart, checked: checked)
                }
                return .saved(stored, intent)
            } catch {
                return .saveFailed(error, intent)
            }
        case .replace(let id, let expected, let replacement, let intent):
            do throws(StoreError) {
                let current = try store.loadPatient(id)
                guard current.chart == expected else {
                    return .saveFailed(.conflict(patient: current.id, savedBy: current.savedBy, savedAt: current.savedAt), intent)
                }
                return .saved(try store.save(replacement, over: current, checked: checked), intent)
            } catch {
                return .saveFailed(error, intent)
            }
        case .saveClinic(let change, let basedOn, let today):
            return saveClinic(change, basedOn: basedOn, today: today)
        case .keepDraft(let draft):
            if let draft { recovery.write(draft) } else { recovery.clear() }
            return nil
        case .findPrinter(let clinic):
            do throws(PrintError) {
                return .printerFound(.ready(try CUPSPrinters().choose(explicit: nil, clinic: clinic)))
            } catch {
                return .printerFound(.unavailable(error.description))
            }
        case .printText(let request):
            do throws(PrintError) {
                let job = try LinePrinter().print(request.text, setup: request.setup, on: request.printer, title: request.title)
                return .outputDone(Message(.success, "Printed on \(request.printer.name): job \(job)."))
            } catch {
                return .outputDone(Message(.error, error.description))
            }
        case .writeFile(let path, let contents), .replaceFile(let path, let contents):
            // Never into the data folder's own files; an existing file only once confirmed.
            if let problem = store.folder.outputProblem(path) { return .outputDone(Message(.error, problem)) }
            if case .writeFile = effect, FileManager.default.fileExists(atPath: path) { return .fileExists(path: path, contents: contents) }
            let folder = (path as NSString).deletingLastPathComponent
            // New folders take the sharing of the folder they are made in (a clinic group's
            // exports/ is shared like the rest of its data folder).
            if !folder.isEmpty { try? FolderSharing.makeFolders(folder) }
            do {
                try AtomicFile.write(Data(contents.utf8), to: path)
                return .outputDone(Message(.success, "Saved \(path)"))
            } catch {
                return .outputDone(Message(.error, error.description))
            }
        case .quit:
            return nil
        }
    }

    /// Saves a clinic change exactly as `clinic set` does (`ClinicChange.save`, on this
    /// store): clinic.json with its audit line, then the plans it re-plans, read one at a
    /// time from those the checked summaries say it may move (`ReplanSaves`). A colleague's change to a setting the
    /// form also changed since it was filled in (`basedOn`) refuses it, saying how to go
    /// on. `progress` hears how far it has come.
    func saveClinic(_ change: ClinicChange, basedOn: ClinicFile?, today: CalendarDay,
                    progress: @escaping @Sendable (String) -> Void = { _ in }) -> Action {
        Self.saveClinic(store: store, change, basedOn: basedOn, today: today, progress: progress)
    }

    /// `saveClinic`, for a thread of its own (`ClinicSaveWorker`).
    static func saveClinic(store: ClinicStore, _ change: ClinicChange, basedOn: ClinicFile?, today: CalendarDay,
                           progress: @escaping @Sendable (String) -> Void) -> Action {
        let saves = ReplanSaves(store: store) { n in
            // Every 25th: the screen shows the latest anyway.
            if n % 25 == 0 { progress("Saving the clinic's settings: \(n) plans re-planned so far…") }
        }
        // The first re-plans whole (the reducer patches up to `RebuiltIndex.patchLimit`
        // rows from them; beyond, the watch rebuilds the rows and reloads open charts from
        // the journal), of the rest only the lines the message log will keep: at 100,000
        // patients a change can re-plan 20,000 plans, too many charts to hold.
        var kept: [SavedClinicChange.Replanned] = []
        var lines: [String] = []
        do {
            var saved = try change.save(today: today, basedOn: basedOn, loadClinic: { try store.loadClinic() },
                                                saveClinic: { try store.saveClinic($0, ifStill: $1) },
                                                candidates: { affected in
                                                    progress("Saving the clinic's settings: finding the plans the change affects…")
                                                    let plans = saves.candidates(affected.mayReplan)
                                                    let moving = plans.count { $0.mayMove }
                                                    progress("Saving the clinic's settings: re-planning the \(moving) plan\(moving == 1 ? "" : "s") the change may move…")
                                                    return plans
                                                },
                                                unread: { saves.unread }, bookings: { saves.bookings }, loadChart: { try saves.load($0) },
                                                saveChart: { try saves.save($0, over: $1) },
                                                report: { replanned in
                                                    if kept.count < RebuiltIndex.patchLimit { kept.append(replanned) } else {
                                                        // The log keeps only its last lines anyway.
                                                        if lines.count == AppState.messageLogLimit { lines.removeFirst() }
                                                        lines.append(replanned.line)
                                                    }
                                                })
            saved.replanned = kept
            saved.reported -= kept.count
            saved.reportedLines = lines
            return .clinicSaved(saved)
        } catch let conflict as ClinicConflict {
            return .clinicSaveFailed("\(conflict); press C to open the settings as they are now and make your change again")
        } catch {
            return .clinicSaveFailed("\(error)")
        }
    }
}
