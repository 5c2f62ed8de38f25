import TrainingService
import ServiceRuntime

await ServiceRunner.main(TrainingService.definition)
