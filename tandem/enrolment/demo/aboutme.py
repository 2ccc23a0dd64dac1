"""Demo All About Me booklets, in families' own words. Alfie's is left empty for the demo parent
(Emma Morgan) to fill in; Isla's, her older child's, is already written."""

from __future__ import annotations

from tandem.core.models import Setting, User
from tandem.enrolment.models.aboutme import AllAboutMe
from tandem.people.management.commands import seed_demo
from tandem.people.management.commands.seed_demo import upsert
from tandem.people.models import Child

# (child's legal name, email of the person who wrote it, the booklet)
BOOKLETS: list[tuple[str, str, dict[str, str]]] = [
    (
        "Isla Morgan",
        seed_demo.PARENT_EMAIL,
        {
            "interests": "Drawing (mostly rainbows and our cat, Biscuit), dressing up as a vet, "
            "and jumping in puddles.",
            "likes": "Strawberries, the song 'Five Little Ducks', her scooter, and anything with glitter.",
            "dislikes": "Loud hand dryers, getting her sleeves wet, and being rushed.",
            "special_skills": "Writing the I of her name, counting to 20, doing her own coat zip (most days!).",
            "sleep_routine": "No nap any more. She can get very tired on long days: a quiet story helps.",
            "meal_routine": "Good eater. NO NUTS of any kind: see her allergy plan. Likes to pour her own water.",
            "toileting_routine": "Fully toilet trained. Sometimes forgets to go when she's busy playing: "
            "a reminder helps.",
            "comforters": "A small knitted rabbit called Mopsy, usually in her bag.",
            "comfort": "A hug and some quiet time with a book. She likes to be told what is happening next.",
            "needs_and_worries": "Her allergy (she knows she mustn't eat nuts). She is a bit worried about big school.",
            "family": "Mum (Emma), her little brother Alfie, Liam (Mum's partner), Biscuit the cat. "
            "Dad (Jack) has her on Wednesdays. Nanny Pat collects sometimes.",
            "languages": "English.",
        },
    ),
    (
        "Zofia Kowalska",
        seed_demo.CHLOE,
        {
            "interests": "Puzzles, the home corner, and helping to feed the fish.",
            "likes": "Pierogi, apples, Peppa Pig (in Polish and English), being pushed on the swing.",
            "dislikes": "Crowds at home time, and hats.",
            "special_skills": "Puts her own shoes on. Counts to ten in Polish.",
            "sleep_routine": "Naps after lunch for about an hour, with her blanket.",
            "meal_routine": "Eats well. Uses a spoon and an open cup.",
            "toileting_routine": "In nappies; starting to sit on the potty at home. Says 'siku' when she needs a wee.",
            "comforters": "A pink blanket she calls 'kocyk'.",
            "comfort": "Being held and hearing a few words in Polish: 'Mama wróci' (Mummy will come back).",
            "needs_and_worries": "Is still learning English: she understands more than she says.",
            "family": "Mama (Agnieszka), Tata (Piotr), and Babcia in Poland, who she video calls on Sundays.",
            "languages": "Polish at home; English at preschool.",
        },
    ),
    (
        "Jayden Price",
        seed_demo.FOSTER_CARER_EMAIL,
        {
            "interests": "Cars and anything with wheels, the sand pit, and the big red bus.",
            "likes": "Toast with butter, bubbles, being chased (gently!).",
            "dislikes": "Sudden loud noises and being left without warning: please tell him before I go.",
            "special_skills": "Knows lots of colours and can climb the little slide by himself.",
            "sleep_routine": "A nap of about 45 minutes after lunch. He likes his back rubbed to drop off.",
            "meal_routine": "Can be fussy with new foods; eats better sitting next to other children.",
            "toileting_routine": "Nappies.",
            "comforters": "A blue toy car he carries everywhere.",
            "comfort": "Sit close, speak quietly, and give him time. He will come to you when he is ready.",
            "needs_and_worries": "Jayden has had a lot of change. Routines and the same faces help him feel safe.",
            "family": "Lives with Janet and Mike (his foster carers) and their dog, Bramble.",
            "languages": "English.",
        },
    ),
    (
        "Zara Ahmed",
        seed_demo.OTHER_PARENT_EMAIL,
        {
            "interests": "Books about animals, painting, and the role-play shop.",
            "likes": "Mango, dancing, her pink wellies.",
            "dislikes": "Messy hands (she likes to wash them straight away).",
            "special_skills": "Can write Z, tells long stories, and helps her little cousins.",
            "sleep_routine": "No nap.",
            "meal_routine": "Halal food only, please. She eats with a fork and spoon.",
            "toileting_routine": "Fully toilet trained.",
            "comforters": "None now.",
            "comfort": "Talking about what is worrying her, and a cuddle.",
            "needs_and_worries": "",
            "family": "Ammi (Sana), Abbu (Bilal), and Dadi (Nasreen, her grandmother) who lives with us.",
            "languages": "Urdu, Punjabi and English. Dadi speaks Urdu with her.",
        },
    ),
    (
        "Leo Walsh",
        seed_demo.FIONA,
        {
            "interests": "Trains, lining up his cars, and the water tray.",
            "likes": "Thomas the Tank Engine, yoghurt, spinning round and round.",
            "dislikes": "Busy, noisy rooms. Changes to the routine without warning.",
            "special_skills": "Knows every train's name. Signs 'more' and 'finished'.",
            "sleep_routine": "Sometimes needs a rest after lunch in a quiet corner.",
            "meal_routine": "Likes the same foods; new foods on a separate plate work best.",
            "toileting_routine": "Nappies. Working on the potty at home.",
            "comforters": "Toy train (Percy).",
            "comfort": "A quiet space, his train, and a countdown before things change.",
            "needs_and_worries": "Speech and language: see his support plan. Uses Makaton signs alongside words.",
            "family": "Mum (Kirsty) and Auntie Shannon, who collects on Fridays.",
            "languages": "English.",
        },
    ),
]


def seed(*, setting: Setting) -> None:
    """Write the booklets (idempotent: found by child, written only when the text differs)."""
    for name, email, text in BOOKLETS:
        first, last = name.split(" ", 1)
        child = Child.objects.filter(setting=setting, first_name=first, last_name=last).first()
        author = User.objects.filter(email=email).first()
        if child is None or author is None:
            continue
        upsert(AllAboutMe, {"child": child}, {**text, "updated_by": author, "version": 1})
