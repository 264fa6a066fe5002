import ClinicEdits
import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// The app's behaviour: the next state and the I/O to do, for each action. Pure: the same
/// state and action always give the same result, and nothing here touches a file or the
/// terminal.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let effects = step(&state, action)
        if case .key = action { refreshDerived(&state, everything: false) } else { refreshDerived(&state, everything: true) }
        return effects
    }

    static func step(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .resize(let w, let h):
            state.width = w
            state.height = h
            clampAll(&state)
            return []
        case .key(let key):
            return handleKey(&state, key)
        case .summariesLoaded(let snapshot):
            state.clinicProblem = snapshot.clinicProblem?.description
            replaceSummaries(&state, snapshot.clinic, snapshot.summaries, snapshot.problems)
            state.load = .checked
            return []
        case .firstPageLoaded(let page):
            state.clinicProblem = page.clinicProblem?.description
            replaceSummaries(&state, page.clinic, page.summaries, page.problems)
            state.load = .firstPage(page.counts)
            return []
        case .summariesRead(let snapshot):
            state.clinicProblem = snapshot.clinicProblem?.description
            replaceSummaries(&state, snapshot.clinic, snapshot.summaries, snapshot.problems)
            state.load = .checking
            return []
        case .summariesChecked(let snapshot):
            let changed = patchSummaries(&state, snapshot)
            state.load = .checked
            return checkOpenCharts(state, changed)
        case .filesChecked(let check):
            let changed = applyCheck(&state, check)
            state.load = .checked
            return checkOpenCharts(state, changed)
        case .patientsChanged(let summaries):
            return patientsChanged(&state, summaries)
        case .chartChanged(let stored):
            return chartChanged(&state, stored)
        case .dayChanged(let day):
            dayChanged(&state, day)
            return []
        case .refreshing(let day):
            state.load = .refreshing(newDay: day)
            return []
        case .indexRebuilt(let rebuilt):
            return indexRebuilt(&state, rebuilt)
        case .chartLoaded(let stored):
            return chartLoaded(&state, stored)
        case .chartFailed(let id, let message):
            state.message = Message(.error, message)
            state.reapply = nil
            state.pendingRecovery = nil
            // Close what was opened for this patient and never got its chart.
            while let top = state.screens.last, state.screens.count > 1 {
                if case .form(let f) = top, f.kind.patientID == id, state.stored(id) == nil { state.screens.removeLast(); continue }
                if case .patient(let p) = top, p.id == id, p.stored == nil { state.screens.removeLast(); continue }
                break
            }
            return []
        case .saved(let stored, let intent):
            return saved(&state, stored, intent)
        case .saveFailed(let error, let intent):
            state.saving = false
            if case .conflict = error, case .edit(let edit, let before, _) = intent {
                state.overlay = .confirm(.reloadAfterConflict(id: before.patient.id, edit: edit, message: error.description))
            } else {
                state.message = Message(.error, error.description)
            }
            return []
        case .clinicSaved(let saved):
            return clinicSaved(&state, saved)
        case .clinicSaveProgress(let text):
            if state.saving { state.savingProgress = text }
            return []
        case .clinicSaveFailed(let message):
            state.saving = false
            state.savingProgress = nil
            state.message = Message(.error, "The clinic's settings were not saved: " + message)
            return []
        case .recoveryFound(let draft, let savedAt):
            state.overlay = .confirm(.recover(draft, savedAt: savedAt))
            return []
        case .recoveryUnreadable(let problem):
            // Shown whole (wrapped), not on the status line where a path would be cut.
            state.overlay = .text(title: "A kept form was not reopened", body: problem)
            return []
        case .printerFound(let status):
            if state.screens.indices.contains(state.screens.count - 1), case .preview(var p) = state.current {
                p.printer = status
                state.screens[state.screens.count - 1] = .preview(p)
            }
            return []
        case .outputDone(let message):
            state.message = message
            return []
        case .fileExists(let path, let contents):
            state.overlay = .confirm(.replaceFile(path: path, contents: contents))
            return []
        }
    }

    // MARK: Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .ctrl("c") { return interrupt(&state) }
        if state.overlay != nil { return overlayKey(&state, key) }
        if state.width < AppState.minimumWidth || state.height < AppState.minimumHeight {
            // Only quitting makes sense while the terminal is too small to show anything.
            if key == .char("q"), state.openForm == nil { state.quit = true; return [.quit] }
            return []
        }
        if case .form = state.current { return formKey(&state, key) }
        if case .overview(let o) = state.current, o.filtering { return overviewKey(&state, key) }
        if case .agenda(let a) = state.current, a.filtering { return agendaKey(&state, key) }
        state.message = nil
        switch key {
        case .char("?"):
            state.overlay = .help(state.current.kind)
            return []
        case .char(":"):
            // Opens on the newest messages; clamping puts the last page in view.
            state.overlay = .log(scroll: Int.max / 2)
            return []
        case .char("u"):
            return undo(&state)
        case .ctrl("r"):
            return redo(&state)
        default:
            break
        }
        switch state.current {
        case .overview: return overviewKey(&state, key)
        case .agenda: return agendaKey(&state, key)
        case .patient: return patientKey(&state, key)
        case .preview: return previewKey(&state, key)
        case .form: return []
        }
    }

    /// Ctrl-C leaves at once, unless a form holds typed input: then it asks, and says the
    /// input is kept for the next start (as after a dropped connection). A second Ctrl-C
    /// while asking leaves.
    static func interrupt(_ state: inout AppState) -> [Effect] {
        let asking = state.overlay == .confirm(.leave)
        if let form = state.openForm, form.dirty {
            guard asking else {
                state.overlay = .confirm(.leave)
                return []
            }
            state.overlay = nil
            state.quit = true
            return [.keepDraft(keptDraft(state, form)), .quit]
        }
        state.overlay = nil
        state.quit = true
        return [.quit]
    }

    static func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .help(let kind, let scroll):
            if [.escape, .enter, .char("q"), .char("?"), .char(" ")].contains(key) { state.overlay = nil; return [] }
            // A help longer than the screen scrolls, so every key can be read.
            let count = KeyTable.helpLines(for: kind, in: state.current, width: state.metrics.helpTextWidth).count
            guard let next = scrolledBox(key, from: scroll, count: count, metrics: state.metrics) else { return [] }
            state.overlay = .help(kind, scroll: next)
            return []
        case .log(let scroll):
            if [.escape, .enter, .char("q"), .char(":"), .char(" ")].contains(key) { state.overlay = nil; return [] }
            let count = Message.logLines(state.messageLog, width: state.metrics.helpTextWidth).count
            // The log also takes g/G for its first and last message, as a list does.
            let jump: Key = key == .char("g") ? .home : key == .char("G") ? .end : key
            guard let next = scrolledBox(jump, from: scroll, count: count, metrics: state.metrics) else { return [] }
            state.overlay = .log(scroll: next)
            return []
        case .text:
            if [.escape, .enter, .char("q"), .char("?"), .char(" ")].contains(key) { state.overlay = nil }
            return []
        case .confirm(let c):
            let yes = key == .char("y") || key == .char("Y")
            let no = key == .char("n") || key == .char("N") || key == .escape
            guard yes || no else { return [] }
            state.overlay = nil
            switch c {
            case .discardForm:
                if yes { state.screens.removeLast(); return [.keepDraft(nil)] }
            case .reloadAfterConflict(let id, let edit, _):
                if yes {
                    state.reapply = (id, edit)
                    state.message = Message(.info, "Reloading \(id)…")
                    return [.loadChart(id)]
                }
                state.message = Message(.info, "Your change was not saved; the patient's file is as the other clinician left it.")
            case .reloadChanged(let stored):
                return reloadChanged(&state, stored, reload: yes)
            case .recover(let draft, _):
                if yes { return recover(&state, draft) + [.keepDraft(nil)] }
                return [.keepDraft(nil)]
            case .print(let request):
                if yes {
                    state.message = Message(.info, "Sending to \(request.printer.name)…")
                    return [.printText(request)]
                }
                state.message = Message(.info, "Nothing was printed.")
            case .replaceFile(let path, let contents):
                if yes { return [.replaceFile(path: path, contents: contents)] }
                state.message = Message(.info, "Nothing was written; \(path) is as it was.")
            case .leave:
                if yes {
                    state.overlay = .confirm(.leave)
                    return interrupt(&state)
                }
            }
            return []
        }
    }

    /// The open form's input as kept when the program is stopped: with the day it was
    /// typed on (relative dates mean days from it) and its heading for the question that
    /// offers it back.
    public static func keptDraft(_ state: AppState, _ form: FormState) -> FormDraft {
        var draft = form.draft
        draft.typedOn = state.today
        draft.about = FormLayout.title(state, form).truncated(toWidth: 120)
        return draft
    }

    static func recover(_ state: inout AppState, _ draft: FormDraft) -> [Effect] {
        let kind = draft.kind
        var form: FormState
        var effects: [Effect] = []
        switch kind {
        case .newPatient: form = FormBuilder.patient(nil, today: state.today)
        case .clinicSettings:
            form = FormBuilder.clinicSettings(state.clinic, today: state.today)
            // What was typed is what it differs from the version it was filled in from.
            if let base = draft.basedOn { form.basedOn = base }
        default:
            guard let id = kind.patientID else { return [] }
            state.screens.append(.patient(PatientView(id: id, month: state.today.firstOfMonth)))
            effects.append(.loadChart(id))
            // The form's fields come from the draft; the chart arrives for saving.
            form = FormState(kind: kind, fields: [])
        }
        if form.fields.isEmpty {
            form.fields = draft.values.map { FormField($0.key, $0.key.rawValue, .text(required: false), value: $0.value) }
            form.dirty = true
            state.screens.append(.form(form))
            state.pendingRecovery = draft
            return effects
        }
        form.restore(draft)
        form.dirty = true
        state.screens.append(.form(form))
        return effects
    }

    // MARK: I/O results

    static func chartLoaded(_ state: inout AppState, _ stored: StoredChart) -> [Effect] {
        let id = stored.id
        for i in state.screens.indices {
            guard case .patient(var p) = state.screens[i], p.id == id else { continue }
            let first = p.stored == nil
            p.stored = stored
            p.facts = patientFacts(state, stored.chart)
            if first, let plan = stored.chart.plan {
                if let focus = p.focusDate, let n = plan.sessions.firstIndex(where: { $0.date == focus }) {
                    p.selected = n
                } else if let next = plan.sessions.firstIndex(where: { $0.status == .planned && $0.date >= state.today }) {
                    p.selected = next
                } else {
                    p.selected = max(0, plan.sessions.count - 1)
                }
                p.month = plan.sessions[safe: p.selected]?.date.firstOfMonth ?? state.today.firstOfMonth
                // Open with the selected session in the middle of the table, history above it.
                let page = state.metrics.sessionRows(banner: p.facts?.banner.count ?? 0)
                p.scroll = max(0, min(p.selected - page / 2, plan.sessions.count - page))
            }
            state.screens[i] = .patient(p)
        }
        // A form recovered before its chart arrived gets its real fields now.
        if let draft = state.pendingRecovery, case .form(var form) = state.current, form.kind.patientID == id {
            if let rebuilt = buildForm(form.kind, chart: stored.chart, state: state) {
                form.fields = rebuilt.fields
                form.restore(draft)
                FormBuilder.syncScoreRange(&form)
                state.screens[state.screens.count - 1] = .form(form)
            }
            state.pendingRecovery = nil
        }
        // A key pressed on the agenda (record, score, move) acts on the focused session.
        if case .patient(var p) = state.current, p.id == id, p.stored != nil, let key = p.then {
            p.then = nil
            state.screens[state.screens.count - 1] = .patient(p)
            return patientKey(&state, key)
        }
        if let (rid, edit) = state.reapply, rid == id {
            state.reapply = nil
            return commit(&state, id: id, edit: edit, stored: stored)
        }
        return []
    }

    static func saved(_ state: inout AppState, _ stored: StoredChart, _ intent: SaveIntent) -> [Effect] {
        state.saving = false
        let id = stored.id
        showSaved(&state, stored)
        switch intent {
        case .edit(_, let before, let text):
            state.undoStack.append(UndoEntry(id: id, before: before, after: stored.chart, summary: text))
            state.redoStack.removeAll()
            state.message = Message(.success, "Saved: \(text)")
        case .created:
            state.message = Message(.success, "Saved new patient \(id)")
            state.screens.append(.patient(PatientView(id: id, month: state.today.firstOfMonth)))
            return chartLoaded(&state, stored)
        case .undo(let entry):
            state.redoStack.append(entry)
            state.message = Message(.success, "Undone: \(entry.summary)")
        case .redo(let entry):
            state.undoStack.append(entry)
            state.message = Message(.success, "Redone: \(entry.summary)")
        }
        clampAll(&state)
        return []
    }

    /// Puts a saved chart in the summaries, the overview and any open patient screen.
    static func showSaved(_ state: inout AppState, _ stored: StoredChart) {
        let id = stored.id
        let summary = PatientSummary(chart: stored.chart, day: state.today, settings: state.clinic.settings, calendar: state.clinic.calendar)
        _ = patchAndRefresh(&state, [summary])
        for i in state.screens.indices {
            if case .patient(var p) = state.screens[i], p.id == id {
                p.stored = stored
                state.screens[i] = .patient(p)
            }
        }
    }

    /// The clinic's settings saved: the screens follow the new clinic and the plans it
    /// re-planned; each re-plan is kept in the message log in the command line's words.
    /// Not on the undo stack: a clinic change re-plans other patients' plans, which `u`
    /// (one chart back) cannot take back; changing the setting back in the form does.
    static func clinicSaved(_ state: inout AppState, _ saved: SavedClinicChange) -> [Effect] {
        state.saving = false
        state.savingProgress = nil
        state.clinic = saved.clinic
        // Every re-planned row at once, the overview sorted once (at 100,000 patients a
        // sort per re-plan held the screen for minutes). Beyond what a key's time can
        // patch, the rows come from the watch instead: each re-plan's journal line, and
        // the clinic file's change, reach it within a poll and are rebuilt off the
        // screen's thread (`RebuiltIndex`).
        if saved.replanned.count + saved.reported <= RebuiltIndex.patchLimit {
            let summaries = saved.replanned.map { PatientSummary(chart: $0.stored.chart, day: state.today, settings: saved.clinic.settings, calendar: saved.clinic.calendar) }
            _ = patchAndRefresh(&state, summaries)
        }
        for replan in saved.replanned {
            for i in state.screens.indices {
                if case .patient(var p) = state.screens[i], p.id == replan.stored.id {
                    p.stored = replan.stored
                    state.screens[i] = .patient(p)
                }
            }
            state.message = Message(.info, replan.line)
        }
        // Re-plans the save kept only as lines (beyond the rows it could patch).
        for line in saved.reportedLines { state.message = Message(.info, line) }
        for failure in saved.notSaved { state.message = Message(.error, failure.line) }
        for line in saved.unreadLines { state.message = Message(.error, line) }
        if !saved.unread.isEmpty { state.message = Message(.error, SavedClinicChange.unreadAdvice) }
        let listed = !saved.replanned.isEmpty || saved.reported > 0 || !saved.isComplete
        state.message = Message(saved.isComplete ? .success : .error, saved.summary + (listed ? " (: lists them)" : ""))
        clampAll(&state)
        return []
    }

    // MARK: Saving an edit

    /// Applies `edit` to the stored chart with the engine and asks for the save.
    static func commit(_ state: inout AppState, id: PatientID, edit: ChartEdit, stored: StoredChart) -> [Effect] {
        do {
            return save(&state, edit: edit, stored: stored, update: try edit.apply(to: stored.chart, scheduler: Scheduler(context: state.context(for: id))))
        } catch {
            state.message = Message(.error, error.message)
            return []
        }
    }

    /// Asks for the save of what the engine made of `edit` (applied once, by the caller).
    static func save(_ state: inout AppState, edit: ChartEdit, stored: StoredChart, update: ChartUpdate) -> [Effect] {
        if let refusal = saveRefusal(state) {
            state.message = Message(.error, refusal)
            return []
        }
        let applied = edit.described(update, on: stored.chart)
        state.saving = true
        state.message = Message(.info, "Saving…")
        return [.save(applied.chart, over: stored, intent: .edit(edit, before: stored.chart, summary: applied.text))]
    }

    static func undo(_ state: inout AppState) -> [Effect] {
        guard !state.saving else { return [] }
        if !state.undoStack.isEmpty, let refusal = saveRefusal(state) {
            state.message = Message(.error, refusal)
            return []
        }
        guard let entry = state.undoStack.popLast() else {
            state.message = Message(.info, "Nothing to undo.")
            return []
        }
        state.saving = true
        return [.replace(id: entry.id, expected: entry.after, with: entry.before, intent: .undo(entry))]
    }

    static func redo(_ state: inout AppState) -> [Effect] {
        guard !state.saving else { return [] }
        if !state.redoStack.isEmpty, let refusal = saveRefusal(state) {
            state.message = Message(.error, refusal)
            return []
        }
        guard let entry = state.redoStack.popLast() else {
            state.message = Message(.info, "Nothing to redo.")
            return []
        }
        state.saving = true
        return [.replace(id: entry.id, expected: entry.before, with: entry.after, intent: .redo(entry))]
    }

    // MARK: Helpers

    static func clampAll(_ state: inout AppState) {
        for i in state.screens.indices {
            switch state.screens[i] {
            case .overview(var o):
                let count = o.visible.count
                o.selected = min(max(0, o.selected), max(0, count - 1))
                state.screens[i] = .overview(o)
            case .patient(var p):
                let count = p.stored?.chart.plan?.sessions.count ?? 0
                p.selected = min(max(0, p.selected), max(0, count - 1))
                state.screens[i] = .patient(p)
            default:
                break
            }
        }
    }

    static func buildForm(_ kind: FormKind, chart: PatientChart, state: AppState) -> FormState? {
        switch kind {
        case .newPatient: return FormBuilder.patient(nil, today: state.today)
        case .clinicSettings: return FormBuilder.clinicSettings(state.clinic, today: state.today)
        case .editPatient: return FormBuilder.patient(chart.patient, today: state.today)
        case .newPlan: return FormBuilder.newPlan(chart, clinic: state.clinic, today: state.today)
        case .addScore: return FormBuilder.addScore(chart)
        case .recordSession(_, let s):
            return chart.plan?.session(s).map { FormBuilder.recordSession(chart, session: $0, today: state.today, user: state.user) }
        case .titrate(_, let s):
            return chart.plan?.session(s).map { FormBuilder.titrate(chart, session: $0) }
        case .amendSession(_, let s):
            return chart.plan?.session(s).map { FormBuilder.amendSession(chart, session: $0) }
        case .saveText(let id, let handout, let markdown):
            var p = PreviewState(id: id)
            p.handout = handout
            p.markdown = markdown
            return FormBuilder.saveText(p, folder: state.exportFolder, today: state.today)
        case .export(let id):
            return FormBuilder.export(id, folder: state.exportFolder)
        case .maintenance: return FormBuilder.maintenance(chart)
        case .planStatus: return FormBuilder.planStatus(chart)
        case .review:
            return FormBuilder.review(chart, warnings: SafetyChecker(context: state.context(for: chart.patient.id)).warnings(for: chart))
        }
    }
}

extension CalendarDay {
    /// The first day of this day's month.
    public var firstOfMonth: CalendarDay { adding(days: 1 - components.day) }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
