"""``python -m bot.triage "my vision is blurry"``: show how a message is read."""

from bot.triage.assess import main

raise SystemExit(main())
