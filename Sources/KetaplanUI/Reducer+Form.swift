import ClinicEdits
import KetaplanEngine
import KetaplanText

extension Reducer {
    static func formKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .form(var form) = state.current else { return [] }
        guard !form.fields.isEmpty else {
            // A recovered form whose patient could not be loaded has nothing to edit.
            state.screens.removeLast()
            return []
        }
        let at = state.screens.count - 1
        defer { if state.screens.count - 1 == at, case .form = state.screens[at] { state.screens[at] = .form(form) } }
        guard let field = form.fields[safe: form.focus] else { form.focus(on: 0); return [] }
        if key == .function(1) {
            // Help: F1, since every printable key (? included) types into a field.
            state.screens[at] = .form(form)
            state.overlay = .help(.form)
            return []
        }
        if field.isTyped, editText(&form, key) { return [] }
        switch key {
        case .tab, .down:
            form.focus(on: (form.focus + 1) % form.fields.count)
        case .backTab, .up:
            form.focus(on: (form.focus + form.fields.count - 1) % form.fields.count)
        case .escape:
            if form.dirty {
                state.screens[state.screens.count - 1] = .form(form)
                state.overlay = .confirm(.discardForm)
            } else {
                state.screens.removeLast()
            }
            return []
        case .enter:
            return submit(&state, &form)
        case .ctrl("l"):
            return []
        case .left, .right:
            let forward = key == .right
            switch field.kind {
            case .choice(let options) where !options.isEmpty:
                let i = options.firstIndex(of: field.value) ?? 0
                form.fields[form.focus].value = options[(i + (forward ? 1 : options.count - 1)) % options.count]
                form.dirty = true
                FormBuilder.syncScoreRange(&form)
                FormBuilder.syncExportPath(&form)
            case .multi(let options) where !options.isEmpty:
                form.optionCursor = (form.optionCursor + (forward ? 1 : options.count - 1)) % options.count
            case .screening:
                cycleScreening(&form, forward: forward)
            default:
                break
            }
        case .char(" "):
            switch field.kind {
            case .multi(let options) where options.indices.contains(form.optionCursor):
                let option = options[form.optionCursor]
                var chosen = field.selections
                if let i = chosen.firstIndex(of: option) { chosen.remove(at: i) } else { chosen.append(option) }
                form.fields[form.focus].value = options.filter(chosen.contains).joined(separator: ",")
                form.dirty = true
            case .screening:
                cycleScreening(&form, forward: true)
            case .choice:
                return formKey(&state, .right)
            default:
                break
            }
        case .char(let c):
            // Typing the first letter of an option picks it (e.g. "m" for missed).
            if case .choice(let options) = field.kind, let match = options.first(where: { $0.lowercased().hasPrefix(String(c).lowercased()) }) {
                form.fields[form.focus].value = match
                form.dirty = true
                FormBuilder.syncScoreRange(&form)
            } else if case .screening = field.kind {
                switch c {
                case "y": form.fields[form.focus].value = "yes"; form.dirty = true
                case "n": form.fields[form.focus].value = "no"; form.dirty = true
                default: break
                }
            }
        default:
            break
        }
        return []
    }

    /// Opens the clinic settings form (`C` on the overview and the agenda), filled in from
    /// the clinic as loaded. Not before the summaries are read: until then the screen's
    /// clinic may be the defaults, and the form's changes are worked out against it.
    static func openClinicSettings(_ state: inout AppState) -> [Effect] {
        if case .firstPage = state.load {
            state.message = Message(.info, "The clinic's settings are still loading; press C again in a moment.")
            return []
        }
        if let problem = state.clinicProblem {
            // The form would show the defaults as the clinic's settings.
            state.message = Message(.error, "The clinic settings cannot be changed: " + problem
                                    + ". Fix or restore clinic.json; this screen picks it up by itself.")
            return []
        }
        state.screens.append(.form(FormBuilder.clinicSettings(state.clinic, today: state.today)))
        return []
    }

    /// The longest text a field takes (a file path, a note); a key past it says so.
    static let fieldCharacterLimit = 500

    /// Editing keys in a typed field, at the cursor: Left/Right, Home/End, Ctrl-A/Ctrl-E
    /// move it; Backspace/Delete delete before/at it; Ctrl-U clears the field; a character
    /// goes in at it. Returns false for a key that is not an editing key (Tab, Enter...).
    static func editText(_ form: inout FormState, _ key: Key) -> Bool {
        var text = Array(form.fields[form.focus].value)
        let at = form.cursorIndex
        var cursor = at
        switch key {
        case .left: cursor = max(0, at - 1)
        case .right: cursor = min(text.count, at + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .backspace:
            guard at > 0 else { return true }
            text.remove(at: at - 1)
            cursor = at - 1
        case .delete:
            guard at < text.count else { return true }
            text.remove(at: at)
        case .ctrl("u"):
            guard !text.isEmpty else { return true }
            text = []
            cursor = 0
        case .char(let c):
            guard text.count < fieldCharacterLimit else {
                form.error = "\(form.fields[form.focus].label) takes at most \(fieldCharacterLimit) characters"
                return true
            }
            text.insert(c, at: at)
            cursor = at + 1
        default:
            return false
        }
        let value = String(text)
        if value != form.fields[form.focus].value {
            form.fields[form.focus].value = value
            form.dirty = true
            form.error = nil
        }
        form.cursor = cursor == text.count ? nil : cursor
        return true
    }

    static func cycleScreening(_ form: inout FormState, forward: Bool) {
        let order = ["?", "no", "yes"]
        let i = order.firstIndex(of: form.fields[form.focus].value) ?? 0
        form.fields[form.focus].value = order[(i + (forward ? 1 : 2)) % 3]
        form.dirty = true
    }

    static func submit(_ state: inout AppState, _ form: inout FormState) -> [Effect] {
        guard !state.saving else {
            form.error = "a save is still in progress; press Enter again in a moment"
            return []
        }
        if let first = form.problems(today: state.today).first {
            form.error = FormField.labelled(first.field.label, first.message)
            return []
        }
        switch form.kind {
        case .saveText, .export:
            break
        default:
            if let refusal = saveRefusal(state) {
                form.error = refusal
                return []
            }
        }
        switch form.kind {
        case .saveText(let pid, let handout, let markdown):
            var preview = PreviewState(id: pid)
            preview.handout = handout
            preview.markdown = markdown
            guard let text = previewText(state, preview) else { form.error = "the patient's chart is not loaded"; return [] }
            state.screens.removeLast()
            return [.writeFile(path: form[.path].text, contents: text)]
        case .export(let pid):
            guard let text = exportText(state, id: pid, format: form[.format].value) else { form.error = "the patient's chart is not loaded"; return [] }
            state.screens.removeLast()
            return [.writeFile(path: form[.path].text, contents: text)]
        default:
            break
        }
        let id = form.kind.patientID
        let stored = id.flatMap { state.stored($0) }
        if id != nil, stored == nil {
            form.error = "the patient's chart is still loading; press Enter again in a moment"
            return []
        }
        let taken = Set(state.summaries.map(\.id))
        let outcome = FormSubmission.outcome(form, chart: stored?.chart, clinic: state.clinic, today: state.today, user: state.user) {
            PatientID.firstFree(notIn: taken)
        }
        switch outcome {
        case .failure(let e):
            form.error = e.message
            return []
        case .success(.clinic(let change)):
            // Checked here as saving checks it, over the clinic as the screen last read
            // it: a refusal keeps the form open, with what was typed.
            if let base = form.basedOn, let conflict = change.conflict(base: base, current: state.clinic) {
                form.error = "Not saved: \(conflict). Press Esc, then C, to start from their version"
                return []
            }
            do { _ = try change.applied(to: state.clinic) } catch {
                form.error = error.field.map { FormField.labelled($0.label, error.message) } ?? error.message
                return []
            }
            state.screens.removeLast()
            state.saving = true
            state.message = Message(.info, "Saving the clinic's settings…")
            return [.saveClinic(change, basedOn: form.basedOn, today: state.today), .keepDraft(nil)]
        case .success(.create(let chart)):
            state.screens.removeLast()
            state.saving = true
            state.message = Message(.info, "Saving…")
            return [.save(chart, over: nil, intent: .created(chart.patient.id)), .keepDraft(nil)]
        case .success(.edit(let pid, let edit)):
            // Check with the engine first: a refused edit keeps the form open.
            // Applied once: a refused edit keeps the form open, an accepted one is saved.
            guard let stored else { return [] }
            let update: ChartUpdate
            do { update = try edit.apply(to: stored.chart, scheduler: Scheduler(context: state.context(for: pid))) } catch {
                form.error = error.message
                return []
            }
            state.screens.removeLast()
            return save(&state, edit: edit, stored: stored, update: update) + [.keepDraft(nil)]
        }
    }
}
