import AidContracts

extension SampleEvents {
    static let trainingPlacement = TrainingEvent.Placement(sessionId: "ses-2027-03-cm-01", courseId: "crs-construction-masonry", centreId: "ctr-gaomi-tech-02")

    static let trainingSamples: [any AidEvent] = [
        TrainingEvent.TraineeEnrolled(
            enrolmentId: "enr-000318", traineeId: "trn-9c1d77e0", placement: trainingPlacement, prioritized: true, fromWaitlist: false),
        TrainingEvent.TraineeWaitlisted(
            enrolmentId: "enr-000319", traineeId: "trn-40a2b5c3", placement: trainingPlacement, prioritized: false, position: 3),
        TrainingEvent.EnrolmentWithdrawn(
            enrolmentId: "enr-000318", traineeId: "trn-9c1d77e0", placement: trainingPlacement, heldSeat: true),
        TrainingEvent.TrainingCompleted(
            enrolmentId: "enr-000320", traineeId: "trn-17f3aa92", placement: trainingPlacement, year: 2027, outcome: .passed,
            score: 84, attendancePercent: 95, certificateId: "cert-2027-000112"),
    ]
}
