import AidContracts
import ServiceRuntime

/// The training service: vocational training for rural workers. Centres, courses and sessions with
/// seats; trainees, enrolment with a waitlist that puts members of identified households first;
/// attendance, exams, certificates and pass rates.
public enum TrainingService {
    public static let definition = ServiceDefinition(
        name: "training",
        defaultHTTPPort: 8085,
        migrations: TrainingMigrations.all,
        sealedColumns: [TrainingMigrations.traineeNames],
        publishes: [.training],
        handlers: { _ in [TrainingEventHandler()] },
        routes: { api, context in TrainingRoutes(context: context).add(to: api) })
}
