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
        let field = form.fields[form.focus]
        switch key {
        case .tab, .down:
            form.focus = (form.focus + 1) % form.fields.count
            form.optionCursor = 0
        case .backTab, .up:
            form.focus = (form.focus + form.fields.count - 1) % form.fields.count
            form.optionCursor = 0
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
        case .char(" ") where !field.isTyped:
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
        case .char(let c) where field.isTyped:
            guard field.value.displayWidth < 60 else { break }
            form.fields[form.focus].value.append(c)
            form.dirty = true
            form.error = nil
        case .char(let c) where !field.isTyped:
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
        case .backspace:
            if field.isTyped, !field.value.isEmpty {
                form.fields[form.focus].value.removeLast()
                form.dirty = true
                form.error = nil
            }
        default:
            break
        }
        return []
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
            form.error = "\(first.field.label): \(first.message)"
            return []
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
