import CharityService
import ServiceRuntime

await ServiceRunner.main(CharityService.definition)
