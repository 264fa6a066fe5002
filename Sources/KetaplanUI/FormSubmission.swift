import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// Turns a valid form into what it asks for.
public enum FormSubmission {
    /// What saving a form does.
    public enum Outcome: Equatable, Sendable {
        case edit(PatientID, ChartEdit)
        case create(PatientChart)
        /// The clinic's settings (the settings that differ from those the form was filled in
        /// from, as `clinic set` would be given them).
        case clinic(ClinicChange)
    }

    /// - Returns: the outcome, or the first problem to show.
    public static func outcome(_ form: FormState, chart: PatientChart?, clinic: ClinicFile, today: CalendarDay, user: String = "clinician",
                               newID: () -> PatientID) -> Result<Outcome, EditError> {
        if let first = form.problems(today: today).first {
            return .failure(EditError(message: FormField.labelled(first.field.label, first.message)))
        }
        switch form.kind {
        case .recordSession(let id, let session):
            let status = SessionStatus(rawValue: form[.status].value) ?? .given
            // As the command line: the login name for a given dose unless another is typed
            // (--given-by), and a name typed for any other outcome is kept as typed.
            let typedBy = form.has(.givenBy) ? form[.givenBy].text : ""
            let givenBy = status == .given ? (typedBy.isEmpty ? user : typedBy) : (typedBy.isEmpty || typedBy == user ? nil : typedBy)
            let record = SessionRecord(
                doseGivenMg: status == .given ? form[.dose].double : nil, bpBefore: form[.bpBefore].bloodPressure,
                bpAt40Minutes: form[.bp40].bloodPressure, bpAtDischarge: form[.bpDischarge].bloodPressure,
                minutesMonitored: form[.monitored].int, dissociationCADSS: form[.cadss].int,
                sideEffects: form[.sideEffects].text.isEmpty ? [] : form[.sideEffects].text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") },
                givenBy: givenBy, note: form[.note].text,
                monitoringFormSubmittedOn: form.has(.formSubmitted) ? form[.formSubmitted].date(today: today) : nil,
                deferredUntil: status == .deferred ? form[.deferUntil].date(today: today) : nil)
            let reason = form.has(.override) ? form[.override].text.trimmingCharacters(in: " ") : ""
            return .success(.edit(id, .record(session, SessionOutcome(status: status, record: record, overrideReason: reason.isEmpty ? nil : reason,
                                                                       decidedBy: user))))
        case .amendSession(let id, let sid):
            // Fields the form does not show (a deferral, a starting-dose decision) stay as
            // recorded; who gave it changes only to a name typed (--given-by).
            guard var record = chart?.plan?.session(sid)?.record else {
                return .failure(EditError(message: "this session has no record to amend; record it with r"))
            }
            record.doseGivenMg = form[.dose].double
            record.bpBefore = form[.bpBefore].bloodPressure
            record.bpAt40Minutes = form[.bp40].bloodPressure
            record.bpAtDischarge = form[.bpDischarge].bloodPressure
            record.minutesMonitored = form[.monitored].int
            record.dissociationCADSS = form[.cadss].int
            record.sideEffects = form[.sideEffects].text.isEmpty ? [] : form[.sideEffects].text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
            record.note = form[.note].text
            if form.has(.formSubmitted) { record.monitoringFormSubmittedOn = form[.formSubmitted].date(today: today) }
            if form.has(.givenBy), !form[.givenBy].text.isEmpty { record.givenBy = form[.givenBy].text }
            return .success(.edit(id, .amend(sid, record, reason: form[.reason].text.trimmingCharacters(in: " "), by: user)))
        case .addScore(let id):
            guard let inst = Instrument(rawValue: form[.instrument].value), let day = form[.date].date(today: today), let score = form[.score].int else {
                return .failure(EditError(message: "fill in the instrument, date and score"))
            }
            do { try Assessment.checkDate(day, today: today) } catch { return .failure(EditError(message: "Date: \(error.description)")) }
            // C-SSRS item 6: behaviour within 3 months unless the clinician says otherwise.
            let recent: Bool? = inst == .cssrs && score == 6 ? form.has(.recent) ? form[.recent].value != "no" : true : nil
            let afterDose = form.has(.afterDose) && form[.afterDose].value == "yes"
            do { return .success(.edit(id, .addScore(try Assessment(date: day, instrument: inst, score: score, note: form[.note].text, afterDose: afterDose,
                                                                    behaviourWithin3Months: recent)))) } catch {
                return .failure(EditError(message: error.description))
            }
        case .newPlan(let id):
            guard let proto = try? clinic.protocolWith(id: form[.protocolID].value), let start = form[.start].date(today: today) else {
                return .failure(EditError(message: "choose a protocol and a start date"))
            }
            var policy: MaintenancePolicy?
            if !form[.maintenance].text.isEmpty {
                do { policy = try MaintenancePolicy(text: form[.maintenance].text) } catch { return .failure(EditError(message: "Maintenance: \(error.description)")) }
            }
            let days = form[.days].selections.compactMap { Weekday(name: $0) }
            let time = form[.time].text.isEmpty ? nil : try? TimeOfDay(text: form[.time].text)
            let reason = form.has(.override) ? form[.override].text.trimmingCharacters(in: " ") : ""
            let overrides = reason.isEmpty ? [] : [PlanOverride(.underAge, on: today, by: user, reason: reason)]
            let overCapacity = form.has(.fullChairs) && form[.fullChairs].value == "over capacity"
            return .success(.edit(id, .newPlan(.init(protocolCopy: proto, start: start, maintenance: policy, preferredWeekdays: days, time: time,
                                                     overrides: overrides, bookOverCapacity: overCapacity))))
        case .clinicSettings:
            // Against what the form was filled in from: a colleague's change that reached
            // the screen since is theirs, not this clinician's to put back.
            return clinicChange(form, clinic: form.basedOn ?? clinic, today: today).map(Outcome.clinic)
        case .saveText, .export:
            return .failure(EditError(message: "this form saves a file, not the chart"))
        case .titrate(let id, let session):
            let perKg = form.has(.mgPerKg) ? form[.mgPerKg].double : nil
            let amount: DoseStep.Amount
            if let perKg { amount = .mgPerKg(perKg) } else if let mg = form[.mg].double { amount = .mg(mg) } else {
                return .failure(EditError(message: "Dose: enter the dose in mg\(form.has(.mgPerKg) ? " or in mg/kg" : "")"))
            }
            return .success(.edit(id, .titrate(session, amount, by: user, note: form[.note].text)))
        case .maintenance(let id):
            let policy: MaintenancePolicy
            do { policy = try MaintenancePolicy(text: form[.maintenance].text.trimmingCharacters(in: " ")) } catch {
                return .failure(EditError(message: "Maintenance: \(error.description)"))
            }
            if let current = chart?.plan?.maintenancePolicy, current == policy {
                return .failure(EditError(message: "Maintenance: the plan already follows \(policy); type another policy, or Esc to leave it"))
            }
            return .success(.edit(id, .changeMaintenance(policy)))
        case .planStatus(let id):
            guard let status = PlanStatus(rawValue: form[.status].value) else {
                return .failure(EditError(message: "Plan status: choose one of " + PlanStatus.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            if status == chart?.plan?.status {
                return .failure(EditError(message: "Plan status: the plan is already \(status); choose another status, or Esc to leave it"))
            }
            return .success(.edit(id, .setStatus(status, note: form[.note].text)))
        case .review(let id):
            let what = form[.what].value
            if what.hasPrefix("screening:"), let item = ScreeningItem(rawValue: String(what.dropFirst("screening:".count))) {
                return .success(.edit(id, .acknowledge(ScreeningAcknowledgement(item: item, by: user, on: today, note: form[.note].text))))
            }
            guard let kind = ReviewKind(name: what) else { return .failure(EditError(message: "choose what was reviewed")) }
            return .success(.edit(id, .review(ClinicianReview(kind: kind, on: today, by: user, note: form[.note].text))))
        case .newPatient, .editPatient:
            let existing = chart?.patient
            guard let birth = form[.birth].date(today: today), let kg = form[.weight].double else {
                return .failure(EditError(message: "fill in the date of birth and weight"))
            }
            // Only answers that changed are set; each is kept with who and when, and a
            // withdrawn finding needs the reason (ScreeningChange).
            let before = existing?.screening ?? Screening()
            let answers = ScreeningItem.allCases.compactMap { item -> ScreeningChange.Answer? in
                let answer: Bool? = switch form[.screening(item)].value {
                case "yes": true
                case "no": false
                default: nil
                }
                return before.answers[item] == answer ? nil : ScreeningChange.Answer(item, answer)
            }
            // Trimmed by ScreeningChange, as the command line's note is.
            let why = form.has(.screeningNote) ? form[.screeningNote].value : ""
            // A weight left as it was keeps the day it was measured, unless a day is typed
            // for it (the same weight measured again, as --weight with --measured).
            let measured = form.has(.measured) ? form[.measured].date(today: today) : nil
            let unchangedWeight = measured == nil && existing.map { abs($0.weight.kilograms - kg) < 0.001 } ?? false
            let details = PatientDetails(
                name: form[.name].text, dateOfBirth: birth, sex: .some(Sex(rawValue: form[.sex].value)), weightKg: unchangedWeight ? nil : kg,
                weightMeasuredOn: measured,
                heightCm: .some(form[.height].double), conditions: form[.conditions].selections.compactMap { Condition(rawValue: $0) },
                moodStabiliser: form[.moodStabiliser].text, primaryScale: .some(Instrument(rawValue: form[.primaryScale].value)), notes: form[.notes].text,
                screening: answers.isEmpty ? nil : ScreeningChange(answers, by: user, on: today, note: why))
            do throws(EditError) {
                if let existing { return .success(.edit(existing.id, .editPatient(try details.patient(updating: existing, id: existing.id, today: today)))) }
                let typedID = form.has(.patientID) ? form[.patientID].text : ""
                let id: PatientID
                if typedID.isEmpty { id = newID() } else {
                    do { id = try PatientID(typedID) } catch { return .failure(EditError(message: FormField.labelled("Patient id", "\(error)"))) }
                }
                return .success(.create(try AddPatient(id: id, details: details).applied(today: today).chart))
            } catch {
                // Named by the field's label, as the form's own checks are.
                return .failure(error.field.map { EditError(message: FormField.labelled($0.label, error.message), field: $0) } ?? error)
            }
        }
    }

    /// Saving the clinic settings form as it was opened.
    static let nothingToChange = "nothing to change: change a setting, or Esc to leave them as they are"

    /// The settings the form changes from `clinic`, each set as `clinic set`'s option for
    /// it would set it, so the same change saves the same bytes from either front end.
    static func clinicChange(_ form: FormState, clinic: ClinicFile, today: CalendarDay) -> Result<ClinicChange, EditError> {
        let s = clinic.settings
        var change = ClinicChange()
        if form[.clinicName].value != clinic.name { change.name = form[.clinicName].value }
        let open = Set(form[.openDays].selections.compactMap { Weekday(name: $0) })
        if open != clinic.calendar.openWeekdays { change.openWeekdays = open }
        // Closed dates shown are today's and later: what was deleted reopens, what was added closes.
        let shown = clinic.calendar.closedDates.filter { $0 >= today }
        let typed = Set(FormKey.dateList(form[.closedDates].value).compactMap { try? CalendarDay(iso: $0) })
        change.close = typed.subtracting(shown).sorted()
        change.reopen = shown.subtracting(typed).sorted()
        if let n = form[.chairs].int, n != clinic.calendar.chairsPerDay { change.chairsPerDay = n }
        if let basis = WeightBasis(rawValue: form[.weightBasis].value), basis != s.weightBasis { change.weightBasis = basis }
        if let n = form[.minGap].int, n != s.twiceWeeklyMinimumGapDays { change.twiceWeeklyMinimumGapDays = n }
        let rems = form[.remsCertified].value == "yes"
        if rems != s.remsCertified { change.remsCertified = rems }
        if form[.sessionTime].text.isEmpty {
            if clinic.sessionTime != nil {
                return .failure(EditError(message: "Session time: a session time cannot be removed, only changed; type HH:MM, or Esc to leave it"))
            }
        } else if let time = try? TimeOfDay(text: form[.sessionTime].text), time != clinic.sessionTime {
            change.sessionTime = time
        }
        if form[.fasting].value != s.fastingInstructions { change.fastingInstructions = form[.fasting].value }
        if form[.contactPhone].value != (clinic.contactPhone ?? "") { change.contactPhone = form[.contactPhone].value }
        if let names = ClinicFile.CalendarNames(rawValue: form[.calendarNames].value), names != clinic.calendarNames { change.calendarNames = names }
        if let zone = try? ClinicChange.timeZone(form[.timeZone].text), zone != clinic.timeZone { change.timeZone = .some(zone) }
        if let bp = form[.bpUrgent].bloodPressure, bp.systolic != s.hypertensiveUrgencySystolic || bp.diastolic != s.hypertensiveUrgencyDiastolic {
            change.urgentBloodPressure = bp
        }
        if let n = form[.bpRise].int, n != s.systolicRiseCaution { change.systolicRiseCaution = n }
        if let n = form[.scoringInterval].int, n != s.onDemandScoringIntervalDays { change.onDemandScoringIntervalDays = n }
        if let n = form[.ymrsRise].int, n != s.ymrsRiseCaution { change.ymrsRiseCaution = n }
        if form[.printer].text != (clinic.printer?.rawValue ?? "") { change.printer = form[.printer].text }
        let paper = Paper(rawValue: form[.paper].value)
        if paper != clinic.paper { change.paper = .some(paper) }
        guard change != ClinicChange() else { return .failure(EditError(message: nothingToChange)) }
        return .success(change)
    }
}
