"""The supervisor's screen: a day's tills against the same weekday last week."""
