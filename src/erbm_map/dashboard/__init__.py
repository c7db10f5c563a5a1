"""The planner's page: its layout, its callbacks and its file exports."""
