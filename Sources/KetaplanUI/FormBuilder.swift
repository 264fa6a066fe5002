import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// Builds each form, pre-filled from the chart and the clinic.
public enum FormBuilder {
    static let statuses = ["given", "missed", "deferred", "cancelled"]
    static let instruments = Instrument.allCases.map(\.rawValue)
    static let weekdays = Weekday.allCases.map(\.shortName)
    static let conditions = Condition.allCases.map(\.rawValue)
    /// Scales that can be a patient's primary scale (symptom scales only).
    static let trackedScales = Instrument.allCases.filter(\.tracksResponse).map(\.rawValue)

    /// - Parameter user: who is signed in: who gave the dose unless another name is typed
    ///   (the command line's `--given-by`).
    public static func recordSession(_ chart: PatientChart, session: Session, today: CalendarDay, user: String) -> FormState {
        let esketamine = chart.plan?.protocolCopy.route.isEsketamine ?? false
        var fields = [
            FormField(.status, "Outcome", .choice(statuses), value: session.date <= today ? "given" : "deferred"),
            FormField(.dose, "Dose given", .number(0.5...1000, unit: "mg", required: false), value: session.plannedDoseMg.map(formatNumber) ?? ""),
            FormField(.bpBefore, "BP before dosing", .bloodPressure),
            FormField(.bp40, "BP at ~40 min", .bloodPressure),
            FormField(.bpDischarge, "BP at discharge", .bloodPressure),
            FormField(.monitored, "Minutes monitored", .integer(SessionRecord.plausibleMinutesMonitored, required: false), value: esketamine ? "120" : ""),
            FormField(.cadss, "Dissociation (CADSS)", .integer(SessionRecord.cadssScale, required: false)),
            FormField(.sideEffects, "Side effects", .text(required: false)),
            FormField(.deferUntil, "Defer until", .date(required: false)),
            FormField(.note, "Note", .text(required: false)),
            // One reason for every explicit override: a pre-dose BP gate, or a first dose
            // other than the label's starting dose.
            FormField(.override, "Override reason", .text(required: false)),
            FormField(.givenBy, "Given by", .text(required: false), value: user, note: "who gave the dose; kept only when given"),
        ]
        if esketamine { fields.insert(FormField(.formSubmitted, "REMS form submitted", .date(required: false)), at: 9) }
        return FormState(kind: .recordSession(chart.patient.id, session.id), fields: fields)
    }

    public static func addScore(_ chart: PatientChart) -> FormState {
        FormState(kind: .addScore(chart.patient.id), fields: [
            FormField(.instrument, "Instrument", .choice(instruments), value: chart.patient.primaryInstrument.rawValue),
            FormField(.date, "Date", .date(required: true), value: "today"),
            FormField(.score, "Score", .integer(chart.patient.primaryInstrument.range, required: true)),
            FormField(.recent, "C-SSRS 6 within 3 months", .choice(["yes", "no"]), value: "yes"),
            FormField(.note, "Note", .text(required: false)),
            // A score on a session's day counts as taken before that day's dose unless said.
            FormField(.afterDose, "After the dose", .choice(["no", "yes"]), value: "no"),
        ])
    }

    /// Amending a given session's record: its fields as recorded, and the reason.
    public static func amendSession(_ chart: PatientChart, session: Session) -> FormState {
        let r = session.record ?? SessionRecord()
        let esketamine = chart.plan?.protocolCopy.route.isEsketamine ?? false
        var fields = [
            FormField(.dose, "Dose given", .number(0.5...1000, unit: "mg", required: false), value: r.doseGivenMg.map(formatNumber) ?? ""),
            FormField(.bpBefore, "BP before dosing", .bloodPressure, value: r.bpBefore?.description ?? ""),
            FormField(.bp40, "BP at ~40 min", .bloodPressure, value: r.bpAt40Minutes?.description ?? ""),
            FormField(.bpDischarge, "BP at discharge", .bloodPressure, value: r.bpAtDischarge?.description ?? ""),
            FormField(.monitored, "Minutes monitored", .integer(0...1440, required: false), value: r.minutesMonitored.map(String.init) ?? ""),
            FormField(.cadss, "Dissociation (CADSS)", .integer(0...92, required: false), value: r.dissociationCADSS.map(String.init) ?? ""),
            FormField(.sideEffects, "Side effects", .text(required: false), value: r.sideEffects.joined(separator: ", ")),
            FormField(.note, "Note", .text(required: false), value: r.note),
            FormField(.givenBy, "Given by", .text(required: false), value: r.givenBy ?? ""),
            FormField(.reason, "Reason for the amendment", .text(required: true)),
        ]
        if esketamine || r.monitoringFormSubmittedOn != nil {
            fields.insert(FormField(.formSubmitted, "REMS form submitted", .date(required: false), value: r.monitoringFormSubmittedOn?.iso ?? ""), at: 7)
        }
        return FormState(kind: .amendSession(chart.patient.id, session.id), fields: fields)
    }

    /// Titration from `session` on: mg, or mg/kg for mg/kg protocols, and why.
    public static func titrate(_ chart: PatientChart, session: Session) -> FormState {
        var fields = [FormField(.mg, "Dose", .number(0.5...1000, unit: "mg", required: false), value: session.plannedDoseMg.map(formatNumber) ?? "")]
        if case .perKilogram? = chart.plan?.protocolCopy.phase(session.phase)?.dose {
            fields.append(FormField(.mgPerKg, "or per kg", .number(0.05...5, unit: "mg/kg", required: false)))
        }
        fields.append(FormField(.note, "Why", .text(required: false)))
        return FormState(kind: .titrate(chart.patient.id, session.id), fields: fields)
    }

    /// The plan's maintenance policy, in the command line's words (`fixed:21`), starting
    /// from the current one when that text says it exactly.
    public static func maintenance(_ chart: PatientChart) -> FormState {
        FormState(kind: .maintenance(chart.patient.id), fields: [
            FormField(.maintenance, "Maintenance", .text(required: true), value: chart.plan?.maintenancePolicy?.text ?? ""),
        ])
    }

    /// The plan's status, starting from the current one, and why it changes.
    public static func planStatus(_ chart: PatientChart) -> FormState {
        FormState(kind: .planStatus(chart.patient.id), fields: [
            FormField(.status, "Plan status", .choice(PlanStatus.allCases.map(\.rawValue)), value: (chart.plan?.status ?? .active).rawValue),
            FormField(.note, "Why", .text(required: false), value: chart.plan?.statusNote ?? ""),
        ])
    }

    public static func newPlan(_ chart: PatientChart, clinic: ClinicFile, today: CalendarDay) -> FormState {
        let ids = clinic.allProtocols.map(\.id.rawValue)
        let suggested: String
        switch chart.patient.conditions.first {
        case .mddWithSuicidalIdeation: suggested = "esketamine-mdsi"
        case .treatmentResistantDepression: suggested = "esketamine-trd"
        default: suggested = "iv-ketamine-3x"
        }
        return FormState(kind: .newPlan(chart.patient.id), fields: [
            FormField(.protocolID, "Protocol", .choice(ids), value: ids.contains(suggested) ? suggested : ids.first ?? ""),
            FormField(.start, "Start", .date(required: true), value: "today"),
            FormField(.days, "Patient's days", .multi(weekdays)),
            FormField(.maintenance, "Maintenance", .text(required: false)),
            // Left empty, as the command line's omitted --time: the sessions then follow the
            // clinic's session time when it changes; only a time typed here pins them.
            FormField(.time, "Appointment time", .time,
                      note: clinic.sessionTime.map { "HH:MM; empty: the clinic's time (now \($0))" } ?? "HH:MM (optional)"),
            // When every chair is taken: let the induction stretch, or book over capacity.
            FormField(.fullChairs, "Full chairs", .choice(["stretch", "over capacity"]), value: "stretch"),
        ] + (chart.patient.age(on: today) < HoldChecker.adultAge
            ? [FormField(.override, "Reason (under 18)", .text(required: false))] : []))
    }

    public static func patient(_ patient: Patient?, today: CalendarDay) -> FormState {
        var fields = [
            FormField(.name, "Name", .text(required: true), value: patient?.name ?? ""),
            FormField(.birth, "Date of birth", .date(required: true), value: patient?.dateOfBirth.iso ?? ""),
            FormField(.sex, "Sex", .choice(["", "female", "male"]), value: patient?.sex?.rawValue ?? ""),
            FormField(.weight, "Weight", .number(WeightMeasurement.acceptedRange, unit: "kg", required: true), value: patient.map { formatNumber($0.weight.kilograms) } ?? ""),
        ]
        if patient != nil {
            // A weight taken at an earlier visit, entered with its day (`--measured`).
            fields.append(FormField(.measured, EditField.measured.label, .date(required: false), note: "empty: today, for a weight typed above"))
        }
        fields += [
            FormField(.height, "Height", .number(Patient.acceptedHeightRange, unit: "cm", required: false), value: patient?.heightCm.map(formatNumber) ?? ""),
            FormField(.conditions, "Conditions", .multi(conditions), value: (patient?.conditions ?? []).map(\.rawValue).joined(separator: ",")),
            FormField(.moodStabiliser, "Mood stabiliser", .text(required: false), value: patient?.moodStabiliser ?? ""),
            // Empty: the first condition's default scale.
            FormField(.primaryScale, "Primary scale", .choice([""] + trackedScales), value: patient?.primaryScale?.rawValue ?? ""),
        ]
        for item in ScreeningItem.allCases {
            let answer = patient?.screening.answers[item].map { $0 ? "yes" : "no" } ?? "?"
            fields.append(FormField(.screening(item), item.question, .screening, value: answer))
        }
        if patient != nil {
            // Why an answer given before was changed: kept with the answer in the chart.
            fields.append(FormField(.screeningNote, "Why screening changed", .text(required: false)))
        }
        fields.append(FormField(.notes, "Notes", .text(required: false), value: patient?.notes ?? ""))
        if patient == nil {
            fields.append(FormField(.patientID, "Patient id", .text(required: false), note: "letters, digits, '-'; empty: the next free P-NNNN"))
        }
        return FormState(kind: patient.map { .editPatient($0.id) } ?? .newPatient, fields: fields)
    }

    /// The clinic's calendar and settings, every one `clinic set` can change, as they are
    /// in clinic.json. Closed dates list today's and later ones (deleting one reopens it,
    /// adding one closes it); earlier ones stay as they are. Numbers are typed text checked
    /// by `ClinicChange`'s own ranges and words (FormKey+Checks), as the command line is.
    public static func clinicSettings(_ clinic: ClinicFile, today: CalendarDay) -> FormState {
        let s = clinic.settings
        func whole(_ setting: WholeSetting) -> FormField.Kind { .integer(setting.range, required: true) }
        var form = FormState(kind: .clinicSettings, fields: [
            FormField(.clinicName, "Clinic name", .text(required: false), value: clinic.name),
            FormField(.openDays, "Open days", .multi(weekdays), value: weekdays.filter { day in clinic.calendar.openWeekdays.contains { $0.shortName == day } }.joined(separator: ",")),
            FormField(.closedDates, EditField.closed.label, .text(required: false), value: clinic.calendar.closedDates.filter { $0 >= today }.sorted().map(\.iso).joined(separator: ", ")),
            FormField(.chairs, EditField.chairs.label, whole(ClinicChange.chairs), value: String(clinic.calendar.chairsPerDay)),
            FormField(.weightBasis, "Weight basis", .choice(WeightBasis.allCases.map(\.rawValue)), value: s.weightBasis.rawValue),
            FormField(.minGap, EditField.minGap.label, whole(ClinicChange.minimumGap), value: String(s.twiceWeeklyMinimumGapDays)),
            FormField(.remsCertified, "REMS certified", .choice(["yes", "no"]), value: s.remsCertified ? "yes" : "no"),
            FormField(.sessionTime, "Session time", .time, value: clinic.sessionTime?.description ?? ""),
            FormField(.fasting, "Fasting", .text(required: false), value: s.fastingInstructions),
            FormField(.contactPhone, "Contact phone", .text(required: false), value: clinic.contactPhone ?? ""),
            FormField(.calendarNames, "Calendar names", .choice(ClinicFile.CalendarNames.allCases.map(\.rawValue)), value: clinic.calendarNames.rawValue),
            FormField(.timeZone, EditField.timeZone.label, .text(required: true), value: clinic.timeZone ?? "system"),
            FormField(.bpUrgent, EditField.bpUrgent.label, .text(required: true), value: "\(s.hypertensiveUrgencySystolic)/\(s.hypertensiveUrgencyDiastolic)"),
            FormField(.bpRise, EditField.bpRise.label, whole(ClinicChange.systolicRise), value: String(s.systolicRiseCaution)),
            FormField(.scoringInterval, EditField.scoringInterval.label, whole(ClinicChange.scoringInterval), value: String(s.onDemandScoringIntervalDays)),
            FormField(.ymrsRise, EditField.ymrsRise.label, whole(ClinicChange.ymrsRise), value: String(s.ymrsRiseCaution)),
            FormField(.printer, EditField.printer.label, .text(required: false), value: clinic.printer?.rawValue ?? ""),
            FormField(.paper, "Paper", .choice(paperChoices), value: clinic.paper?.rawValue ?? "default"),
        ])
        form.basedOn = clinic
        return form
    }

    /// The paper a clinic can choose, as `clinic set --paper` spells it.
    static let paperChoices = ["default"] + Paper.allCases.map(\.rawValue)

    /// The score field's range follows the chosen instrument.
    static func syncScoreRange(_ form: inout FormState) {
        guard case .addScore = form.kind, let inst = Instrument(rawValue: form[.instrument].value),
              let i = form.fields.firstIndex(where: { $0.key == .score }) else { return }
        form.fields[i].kind = .integer(inst.range, required: true)
    }

    public static func saveText(_ p: PreviewState, folder: String, today: CalendarDay) -> FormState {
        let what = p.handout ? "handout" : "summary"
        let ext = p.markdown && !p.handout ? "md" : "txt"
        return FormState(kind: .saveText(p.id, handout: p.handout, markdown: p.markdown && !p.handout), fields: [
            FormField(.path, "File", .text(required: true), value: "\(folder)/\(p.id)-\(what)-\(today).\(ext)"),
        ])
    }

    public static func export(_ id: PatientID, folder: String) -> FormState {
        FormState(kind: .export(id), fields: [
            FormField(.format, "Format", .choice(["ics", "csv", "fhir"]), value: "ics"),
            FormField(.path, "File", .text(required: true), value: "\(folder)/\(id).ics"),
        ])
    }

    /// Keeps the proposed file name's extension in step with the chosen format.
    static func syncExportPath(_ form: inout FormState) {
        guard case .export = form.kind, let i = form.fields.firstIndex(where: { $0.key == .path }) else { return }
        let ext = form[.format].value == "fhir" ? "json" : form[.format].value
        var path = form.fields[i].value
        for old in [".ics", ".csv", ".json"] where path.hasSuffix(old) { path = String(path.dropLast(old.count)) + "." + ext }
        form.fields[i].value = path
    }

    /// What a clinician can review now: the open warnings a review settles, and screening
    /// findings not yet acknowledged. Nil when nothing waits.
    /// Holds a review lifts come first; absolute contraindications are not offered (only
    /// a corrected answer or ending the plan lifts them).
    public static func review(_ chart: PatientChart, warnings: [PlanWarning], holds: [Hold] = []) -> FormState? {
        var options: [String] = []
        for h in holds { if let kind = ReviewKind(lifting: h.code), !options.contains(kind.name) { options.append(kind.name) } }
        for w in warnings { if let kind = ReviewKind(answering: w.code), !options.contains(kind.name) { options.append(kind.name) } }
        let route = chart.plan?.protocolCopy.route
        for item in chart.patient.screening.present where !chart.patient.screening.isAcknowledged(item) {
            if let route, HoldChecker.isAbsolute(item, for: route) { continue }
            options.append("screening:" + item.rawValue)
        }
        guard !options.isEmpty else { return nil }
        return FormState(kind: .review(chart.patient.id), fields: [
            FormField(.what, "Reviewed", .choice(options), value: options[0]),
            FormField(.note, "Note", .text(required: false)),
        ])
    }
}
