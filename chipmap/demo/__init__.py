"""The demo: the bundled sample corpus plus the atlas built into a database, and a toy graph for tests."""

from chipmap.demo.build import CORPUS, build_demo, default_demo_db

__all__ = ["CORPUS", "build_demo", "default_demo_db"]
