"""Topics: discovering clusters of reported work with readable terms, and measuring them
(``features -> topics``).  ``docs/topics.md`` explains the method and the measures.

Examples
--------
>>> from cyberreport.topics import topic_diversity
>>> topic_diversity([["网络安全", "检查"], ["检查", "融媒体"]])
0.75
"""

from ._measures import npmi_coherence, topic_diversity
from ._model import Topic, TopicModel
from ._quality import TopicQuality, topic_quality

__all__ = ["TopicModel", "Topic", "TopicQuality", "topic_quality", "npmi_coherence", "topic_diversity"]
