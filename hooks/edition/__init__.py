"""The edition's build steps, grouped by stage; hooks/pipeline.py runs them in order.

No module here registers an MkDocs event (none has an ``on_*`` function): each step is a
plain function that receives what it needs, the language build's state included.
"""
